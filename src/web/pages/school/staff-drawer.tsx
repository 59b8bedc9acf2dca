import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { formFailure } from '../../api/error-text';
import { type StaffItem, type StaffList, useSaveStaff } from '../../api/staff-queries';
import { requiredRule, requiredSelectRule } from '../../components/form-rules';
import { useI18n } from '../../i18n/i18n';
import { roleLabel } from '../../i18n/labels';
import { namedDutyOptions } from './staff-labels';

interface StaffForm {
  name: string;
  staffNo?: string;
  phone?: string;
  kind: 'teacher' | 'manager';
  weekdays: number[];
  userId?: string | null;
  leadershipPosition: 'leader' | 'deputy' | 'member' | 'none';
  leadershipDuties: string[];
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Add or edit a staff record: person, kind, weekdays, account link, leadership position and duties. */
export function StaffDrawer({
  schoolId,
  list,
  editing,
  open,
  onClose,
}: {
  schoolId: string;
  list: StaffList;
  /** The person being edited; null to add one. */
  editing: StaffItem | null;
  open: boolean;
  onClose: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffForm>();
  const save = useSaveStaff(schoolId);
  const [failure, setFailure] = useState<string | null>(null);
  const position = Form.useWatch('leadershipPosition', form) ?? 'none';

  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.setFieldsValue(
      editing
        ? {
            name: editing.name,
            staffNo: editing.staffNo ?? '',
            phone: editing.phone ?? '',
            kind: editing.kind,
            weekdays: editing.weekdays,
            userId: editing.account?.userId ?? null,
            leadershipPosition: editing.leadershipPosition ?? 'none',
            leadershipDuties: editing.leadershipDuties,
          }
        : {
            name: '',
            staffNo: '',
            phone: '',
            kind: 'teacher',
            weekdays: [1, 2, 3, 4, 5],
            userId: null,
            leadershipPosition: 'none',
            leadershipDuties: [],
          },
    );
  }, [open, editing, form]);

  const accounts = [...(editing?.account ? [editing.account] : []), ...list.linkableAccounts].map((a) => ({
    value: a.userId,
    label: `${a.displayName}${a.username ? ` (${a.username})` : ''} · ${a.roles
      .map((r) => roleLabel(t, r))
      .join('、')}`,
  }));

  const onFinish = (values: StaffForm) => {
    setFailure(null);
    const positionValue = values.leadershipPosition === 'none' ? null : values.leadershipPosition;
    save.mutate(
      {
        staffId: editing?.staffId ?? null,
        body: {
          name: values.name.trim(),
          staffNo: values.staffNo?.trim() || null,
          phone: values.phone?.trim() || null,
          kind: values.kind,
          weekdays: values.weekdays,
          leadershipPosition: positionValue,
          leadershipDuties: positionValue ? values.leadershipDuties : [],
          userId: values.userId ?? null,
        },
      },
      {
        onSuccess: (saved) => {
          message.success(t('staffPage.saved', { name: saved.name }));
          onClose();
        },
        onError: (error) => {
          setFailure(
            formFailure(form, error, lang, t, {
              STAFF_NO_TAKEN: 'staffNo',
              STAFF_ACCOUNT_TAKEN: 'userId',
              LEADER_TAKEN: 'leadershipPosition',
            }),
          );
        },
      },
    );
  };

  return (
    <Drawer
      title={editing ? t('staffPage.editTitle', { name: editing.name }) : t('staffPage.add')}
      open={open}
      onClose={onClose}
      size="min(520px, 100vw)"
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="staff-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form<StaffForm>
        form={form}
        name="staff"
        layout="vertical"
        onFinish={onFinish}
        disabled={save.isPending}
        scrollToFirstError
      >
        <Form.Item name="name" label={t('staffPage.f.name')} rules={[requiredRule(t, 'staffPage.f.name')]}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="staffNo" label={t('staffPage.f.staffNo')} style={{ flex: '1 1 160px' }}>
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('staffPage.f.phone')}
            style={{ flex: '1 1 180px' }}
            rules={[
              {
                validator: (_, value: string | undefined) => {
                  const digits = (value ?? '').replace(/[\s\-()]/g, '').replace(/^(\+86|0086)/, '');
                  return !value?.trim() || /^1[3-9]\d{9}$/.test(digits)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('staffPage.f.phoneInvalid')));
                },
              },
            ]}
          >
            <Input inputMode="tel" maxLength={30} autoComplete="off" />
          </Form.Item>
        </Flex>
        <Form.Item name="kind" label={t('staffPage.f.kind')} extra={t('staffPage.f.kindHint')}>
          <Radio.Group
            options={[
              { value: 'teacher', label: t('staffPage.kind.teacher') },
              { value: 'manager', label: t('staffPage.kind.manager') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="weekdays"
          label={t('staffPage.f.weekdays')}
          rules={[
            {
              type: 'array',
              min: 1,
              message: t('common.selectRequired', { label: t('staffPage.f.weekdays') }),
            },
          ]}
        >
          <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))} />
        </Form.Item>
        <Form.Item name="userId" label={t('staffPage.f.account')} extra={t('staffPage.f.accountHint')}>
          <Select allowClear options={accounts} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          name="leadershipPosition"
          label={t('staffPage.f.position')}
          rules={[requiredSelectRule(t, 'staffPage.f.position')]}
        >
          <Select
            data-testid="position-select"
            options={[
              { value: 'none', label: t('staffPage.f.positionNone') },
              { value: 'leader', label: t('staffPage.position.leader') },
              { value: 'deputy', label: t('staffPage.position.deputy') },
              { value: 'member', label: t('staffPage.position.member') },
            ]}
          />
        </Form.Item>
        {position !== 'none' ? (
          <Form.Item
            name="leadershipDuties"
            label={t('staffPage.f.duties')}
            extra={t('staffPage.f.dutiesHint')}
          >
            <Select mode="tags" options={namedDutyOptions(lang, position)} tokenSeparators={['，', ',']} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
