import { Button, Flex, Spin } from 'antd';
import { useErrorText } from '../api/error-text';
import { useT } from '../i18n/i18n';
import { Outcome } from './outcome';

/** A centred spinner for a page or a page section that is loading. */
export function PageSpin({ fill = true }: { fill?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fill ? '60vh' : 160, width: '100%' }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}

/** A failed load, with the server's message and a retry button. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const describe = useErrorText();
  return (
    <Outcome
      status="error"
      title={t('common.loadFailed')}
      subTitle={describe(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
