import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { Link } from 'react-router';
import { Muted, Panel } from '../../components/surface';
import { useI18n } from '../../i18n/i18n';

/** F-13 on the guardian's home: today's pickup code and batch. */
export function PickupTile() {
  const { t } = useI18n();
  return (
    <Panel>
      <Flex vertical gap={8}>
        <Muted>{t('daily.departure.tileHint')}</Muted>
        <Link to="/guardian/pickup">
          <Button block type="primary" size="large" icon={<QrcodeOutlined />} data-testid="pickup-link">
            {t('daily.departure.tile')}
          </Button>
        </Link>
      </Flex>
    </Panel>
  );
}
