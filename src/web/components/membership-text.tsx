import type { Membership } from '../api/types';
import { useT } from '../i18n/i18n';
import { roleLabel } from '../i18n/labels';
import { MessageWithUserText } from './user-text';

/** `学校管理员 · 东湖区实验小学`: the role in the UI language, the school or region as named. */
export function MembershipText({ membership }: { membership: Membership }) {
  const t = useT();
  const role = roleLabel(t, membership.role);
  const scope = membership.schoolName ?? membership.regionName;
  if (!scope) return <>{role}</>;
  return (
    <MessageWithUserText text={t('user.membershipLabel', { role, scope: '{scope}' })} user={{ scope }} />
  );
}
