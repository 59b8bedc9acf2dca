import { PrinterOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { noticePath } from '../public/notice-address';

/** The QR code of the public notice, for the school to print and put up (B 五(一) 服务公示). */
export function NoticeQrCard({
  schoolCode,
  termCode,
  notice,
}: {
  schoolCode: string;
  termCode: string;
  notice: { version: number; publishedAt: string } | null;
}) {
  const { lang, t } = useI18n();
  const path = noticePath({ schoolCode, termCode });
  const url = `${window.location.origin}${path}`;
  const [dataUrl, setDataUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!notice) return;
    let live = true;
    // The QR library is needed only here: loaded with the card, not with the page.
    import('qrcode')
      .then((qr) => qr.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 200 }))
      .then((data) => {
        if (live) setDataUrl(data);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [url, notice]);

  return (
    <Card size="small" title={t('plan.notice.title')} data-testid="notice-card">
      {notice ? (
        <Flex vertical gap={8} align="flex-start">
          <Typography.Text>
            {t('plan.notice.published', {
              version: notice.version,
              at: formatDateTime(notice.publishedAt, lang),
            })}
          </Typography.Text>
          {dataUrl ? (
            <img
              src={dataUrl}
              width={160}
              height={160}
              alt={t('plan.notice.qrAlt')}
              data-testid="notice-qr"
              style={{ imageRendering: 'pixelated' }}
            />
          ) : (
            <div style={{ width: 160, height: 160 }} />
          )}
          <Typography.Text copyable={{ text: url }} className="kh-break">
            {url}
          </Typography.Text>
          <Flex gap={16} wrap>
            <Link to={path} target="_blank" data-testid="notice-open">
              {t('plan.notice.openShort')}
            </Link>
            <Link to={`${path}?print=1`} target="_blank" data-testid="notice-print">
              <PrinterOutlined /> {t('plan.notice.print')}
            </Link>
          </Flex>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('plan.notice.notYet')}</Typography.Text>
      )}
    </Card>
  );
}
