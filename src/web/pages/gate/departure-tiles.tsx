import { DashboardOutlined, ScanOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useNavigate } from 'react-router';
import type { Membership } from '../../api/types';
import { Muted, Panel } from '../../components/surface';
import { useI18n } from '../../i18n/i18n';
import { gateBase } from './gate-paths';

/** F-13 on the staff phone home: release at the gate and the live gate board. */
export function DepartureTiles({ role }: { role: Membership['role'] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (role !== 'gate_guard' && role !== 'duty_chief' && role !== 'care_teacher') return null;
  const base = gateBase(role);
  return (
    <Panel>
      <Flex vertical gap={8}>
        <Muted>{t('daily.departure.release.tileHint')}</Muted>
        <Button
          block
          type="primary"
          size="large"
          icon={<ScanOutlined />}
          onClick={() => navigate(`${base}/release`)}
          data-testid="release-link"
        >
          {t('daily.departure.release.tile')}
        </Button>
        <Muted>{t('daily.departure.board.tileHint')}</Muted>
        <Button
          block
          icon={<DashboardOutlined />}
          onClick={() => navigate(`${base}/board`)}
          data-testid="board-link"
        >
          {t('daily.departure.board.tile')}
        </Button>
      </Flex>
    </Panel>
  );
}
