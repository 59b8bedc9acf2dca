// F-13 接送人: the people who may collect the child, kept by the guardian after applying — add one,
// remove one, add a photo the gate can compare (JPEG or PNG).
import { App, Button, Flex, Form, Input, Popconfirm, Upload } from 'antd';
import { useState } from 'react';
import {
  type PickupPerson,
  useAddPickupPerson,
  useRemovePickupPerson,
  useUploadPickupPhoto,
} from '../../api/application-queries';
import { formFailure, useErrorText } from '../../api/error-text';
import { Muted } from '../../components/surface';
import { RelationText, UserText } from '../../components/user-text';
import { useI18n } from '../../i18n/i18n';
import { colors } from '../../theme';

const MAX_PICKUP = 5;

export function PickupPersonsPanel({
  schoolId,
  studentId,
  persons,
}: {
  schoolId: string;
  studentId: string;
  persons: PickupPerson[];
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const add = useAddPickupPerson();
  const remove = useRemovePickupPerson();
  const photo = useUploadPickupPhoto();
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; relation: string; phone: string }>();

  const onAdd = async (values: { name: string; relation: string; phone: string }) => {
    setFailure(null);
    try {
      await add.mutateAsync({ schoolId, studentId, person: values });
      form.resetFields();
      setAdding(false);
    } catch (error) {
      setFailure(formFailure(form, error, lang, t));
    }
  };

  return (
    <Flex vertical gap={8} data-testid="pickup-persons">
      <strong>{t('apply.pickup')}</strong>
      {persons.map((p) => (
        <Flex key={p.id} gap={8} align="center" wrap>
          <Flex vertical style={{ flex: 1, minWidth: 140 }}>
            <span>
              <UserText>{p.name}</UserText> · <RelationText relation={p.relation} />
            </span>
            <Muted>{p.phone}</Muted>
          </Flex>
          {p.hasPhoto ? (
            <Muted>{t('apply.pickupPhotoDone')}</Muted>
          ) : (
            <Upload
              accept="image/jpeg,image/png"
              showUploadList={false}
              beforeUpload={(file) => {
                photo
                  .mutateAsync({ schoolId, studentId, personId: p.id, photo: file })
                  .catch((error: unknown) => message.error(describe(error)));
                return false;
              }}
            >
              <Button size="small">{t('apply.pickupPhoto')}</Button>
            </Upload>
          )}
          <Popconfirm
            title={t('apply.pickupRemove')}
            okText={t('apply.pickupRemove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync({ schoolId, studentId, personId: p.id })
                .catch((error: unknown) => message.error(describe(error)))
            }
          >
            <Button size="small" danger>
              {t('apply.pickupRemove')}
            </Button>
          </Popconfirm>
        </Flex>
      ))}
      {adding ? (
        <Form form={form} layout="vertical" onFinish={onAdd} requiredMark={false}>
          <Flex gap={8}>
            <Form.Item
              name="name"
              label={t('apply.pickupName')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { label: t('apply.pickupName') }),
                },
              ]}
              style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item
              name="relation"
              label={t('apply.pickupRelation')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { label: t('apply.pickupRelation') }),
                },
              ]}
              style={{ width: 96, marginBottom: 8 }}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="phone"
            label={t('apply.pickupPhone')}
            rules={[{ required: true, message: t('apply.phoneInvalid') }]}
            style={{ marginBottom: 8 }}
          >
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
          {failure ? <Muted style={{ color: colors.error }}>{failure}</Muted> : null}
          <Flex gap={8}>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={add.isPending} style={{ flex: 1 }}>
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
      ) : persons.length < MAX_PICKUP ? (
        <Button block onClick={() => setAdding(true)}>
          {t('apply.pickupAdd')}
        </Button>
      ) : null}
    </Flex>
  );
}
