import { AuditOutlined, IdcardOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '../../api/types';
import { Muted, Panel } from '../../components/surface';
import type { MessageKey } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';

interface Tile {
  path: string;
  icon: ReactNode;
  label: MessageKey;
  hint: MessageKey;
  testId: string;
}

// The staff home's ways to the day (F-16, duty chief), the handover (F-15, care teacher and duty chief)
// and the visitor log (F-17, gate guard and duty chief).
function tilesFor(role: Role): Tile[] {
  const day: Tile = {
    path: '/duty/day',
    icon: <AuditOutlined />,
    label: 'daily.close.title',
    hint: 'daily.close.tileHint',
    testId: 'tile-day',
  };
  const handover = (base: string): Tile => ({
    path: `${base}/handover`,
    icon: <SwapOutlined />,
    label: 'daily.close.handover.title',
    hint: 'daily.close.handover.tileHint',
    testId: 'tile-handover',
  });
  const visitors = (base: string): Tile => ({
    path: `${base}/visitors`,
    icon: <IdcardOutlined />,
    label: 'daily.close.visitors.title',
    hint: 'daily.close.visitors.tileHint',
    testId: 'tile-visitors',
  });
  if (role === 'duty_chief') return [day, handover('/duty'), visitors('/duty')];
  if (role === 'care_teacher') return [handover('/teacher')];
  if (role === 'gate_guard') return [visitors('/gate')];
  return [];
}

export function DayCloseTiles({ role }: { role: Role }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const tiles = tilesFor(role);
  if (tiles.length === 0) return null;
  return (
    <Panel>
      <Flex vertical gap={12}>
        {tiles.map((tile) => (
          <Flex key={tile.path} vertical gap={6}>
            <Muted>{t(tile.hint)}</Muted>
            <Button block icon={tile.icon} onClick={() => navigate(tile.path)} data-testid={tile.testId}>
              {t(tile.label)}
            </Button>
          </Flex>
        ))}
      </Flex>
    </Panel>
  );
}
