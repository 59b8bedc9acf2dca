// The sections of the school's plan form (F-02): basics, timetable, departure batches, venues, staff,
// groups, contacts and insurance. Each list row carries an element id (`plan-timetable-2`) so that a
// finding can scroll to it.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Weekday } from '../../../domain/dates';
import { formatTime as formatMinutes } from '../../../domain/dates';
import type { RegionPolicy } from '../../../domain/policy';
import {
  ACTIVITY_CATEGORIES,
  formatTenths,
  makeUpWorkdaysServed,
  requiredEndTime,
  SESSION_KINDS,
} from '../../../domain/policy';
import { Clause } from '../../components/clause';
import { IsoDatePicker, timeRule } from '../../components/date-inputs';
import { gradeOptions } from '../../components/school-options';
import { useI18n } from '../../i18n/i18n';
import { activityCategoryLabel, insuranceKindLabel, sessionKindLabel } from '../../i18n/labels';
import { nextId, type PlanFormValues } from './plan-form';

interface SectionProps {
  values: PlanFormValues;
  policy: RegionPolicy;
  schoolGrades: readonly number[];
}

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

function useWeekdayOptions(values: PlanFormValues) {
  const { t } = useI18n();
  // Saturday and Sunday only when a plan already has them, so they can be taken out (B 二 放学后).
  const extra = (values.weekdays ?? []).filter((w) => w > 5);
  return [...WEEKDAYS, ...extra].map((w) => ({ value: w, label: t(`weekday.${w}` as 'weekday.1') }));
}

/** A bordered row of a list with its remove button. */
function ListRow({
  id,
  title,
  onRemove,
  removeLabel,
  children,
}: {
  id: string;
  title: string;
  onRemove: () => void;
  removeLabel: string;
  children: ReactNode;
}) {
  return (
    <div id={id} className="kh-list-row" data-testid={id}>
      <div className="kh-list-row-head">
        <Typography.Text strong>{title}</Typography.Text>
        <Button
          type="text"
          danger
          size="small"
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={removeLabel}
        >
          {removeLabel}
        </Button>
      </div>
      {children}
    </div>
  );
}

function AddButton({
  onClick,
  children,
  testId,
}: {
  onClick: () => void;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Button type="dashed" block icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

/**
 * 调休上班日 (issue 14.17): whether the plan serves the term's make-up working days. The region's policy
 * fixes it or lets the plan choose (RegionPolicy.makeUpWorkdays); under a fixed rule the option shows
 * the region's value and cannot be changed. A served day follows the timetable of a weekday the plan
 * serves, when the school states one.
 */
function MakeUpWorkdaysField({ values, policy }: Pick<SectionProps, 'values' | 'policy'>) {
  const { t } = useI18n();
  const rule = policy.makeUpWorkdays;
  const fixed = rule.rule !== 'plan_chooses';
  const choice = values.makeUpWorkdays === 'policy' ? null : values.makeUpWorkdays;
  const served = makeUpWorkdaysServed(policy, choice).served;
  const value = (v: 'served' | 'not_served') => t(`policy.makeUp.${v}`);
  const regionValue = fixed ? (rule.rule as 'served' | 'not_served') : rule.byDefault;
  const timetableOptions = (values.weekdays ?? [])
    .filter((w): w is 1 | 2 | 3 | 4 | 5 => w <= 5)
    .map((w) => ({ value: w, label: t(`weekday.${w}` as 'weekday.1') }));
  return (
    <Row gutter={16} id="plan-makeUpWorkdays" data-testid="plan-make-up">
      <Col xs={24} md={12}>
        <Form.Item
          name="makeUpWorkdays"
          label={t('plan.makeUp.label')}
          extra={
            <Clause>
              {fixed
                ? t('plan.makeUp.fixed', { value: value(regionValue) })
                : t('plan.makeUp.choose', { value: value(regionValue) })}
            </Clause>
          }
        >
          <Radio.Group
            disabled={fixed}
            options={[
              { value: 'policy', label: t('plan.makeUp.policyDefault', { value: value(regionValue) }) },
              { value: 'served', label: value('served') },
              { value: 'not_served', label: value('not_served') },
            ]}
          />
        </Form.Item>
      </Col>
      {served ? (
        <Col xs={24} md={12}>
          <Form.Item name="makeUpTimetableWeekday" label={t('plan.makeUp.timetable')}>
            <Select
              allowClear
              placeholder={t('plan.makeUp.timetableOwn')}
              options={timetableOptions}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}

export function BasicsSection({ values, policy, schoolGrades }: SectionProps) {
  const { lang, t } = useI18n();
  const weekdayOptions = useWeekdayOptions(values);
  const required = (season: 'summer' | 'other') => formatMinutes(requiredEndTime(policy, season));
  return (
    <Card size="small" title={t('plan.section.basics')} id="plan-basics">
      <div id="plan-weekdays">
        <Form.Item
          name="weekdays"
          label={t('plan.f.weekdays')}
          extra={
            <Clause>
              {t('plan.clause.weekdays', {
                days: policy.daysPerWeek,
                model: t(policy.model === '5+2' ? 'policy.model.5+2' : 'policy.model.pilot-4'),
              })}
            </Clause>
          }
        >
          <Checkbox.Group options={weekdayOptions} />
        </Form.Item>
      </div>
      <MakeUpWorkdaysField values={values} policy={policy} />
      <div id="plan-grades">
        <Form.Item
          name="grades"
          label={t('plan.f.grades')}
          extra={<Clause>{t('plan.clause.grades', { grades: policy.servedGrades.join('、') })}</Clause>}
        >
          <Checkbox.Group options={gradeOptions(lang, schoolGrades)} />
        </Form.Item>
      </div>
      <Row gutter={16}>
        <Col xs={24} md={8} id="plan-expectedStudents">
          <Form.Item
            name="expectedStudents"
            label={t('plan.f.expectedStudents')}
            extra={<Clause>{t('plan.clause.expected')}</Clause>}
          >
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} id="plan-endTimes">
          <Form.Item
            name={['endTimes', 'summer']}
            label={t('plan.f.endSummer')}
            rules={[timeRule(t)]}
            extra={t('plan.endAtLeast', { time: required('summer') })}
          >
            <Input placeholder="18:00" maxLength={5} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name={['endTimes', 'other']}
            label={t('plan.f.endOther')}
            rules={[timeRule(t)]}
            extra={t('plan.endAtLeast', { time: required('other') })}
          >
            <Input placeholder="17:30" maxLength={5} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Clause>
        {policy.model === '5+2'
          ? t('policy.clause.offWork')
          : t('plan.clause.endTimes', { hours: formatTenths(policy.minClassHoursPerDayTenths) })}
      </Clause>
    </Card>
  );
}

export function TimetableSection({ values, policy }: SectionProps) {
  const { lang, t } = useI18n();
  const form = Form.useFormInstance<PlanFormValues>();
  const served = (values.weekdays ?? []).filter((w) => w <= 5);
  const dayOptions = served.map((w) => ({ value: w, label: t(`weekday.${w}` as 'weekday.1') }));
  const venues = (values.venues ?? []).map((v) => ({ value: v.id, label: v.name || v.id }));
  const staff = (values.staff ?? []).map((p) => ({ value: p.id, label: p.name || p.id }));
  const categories = Object.keys(ACTIVITY_CATEGORIES).map((code) => ({
    value: code,
    label: policy.activityCategories.includes(code as never)
      ? activityCategoryLabel(lang, code)
      : t('plan.notAllowed', { label: activityCategoryLabel(lang, code) }),
  }));
  const kinds = Object.keys(SESSION_KINDS).map((code) => ({
    value: code,
    label: policy.forbiddenKinds.includes(code as never)
      ? t('plan.forbidden', { label: sessionKindLabel(lang, code) })
      : sessionKindLabel(lang, code),
  }));
  return (
    <Card size="small" title={t('plan.section.timetable')} id="plan-timetable">
      <Form.List name="timetable">
        {(fields, { add, remove }) => (
          <div className="kh-list">
            {fields.map((field) => (
              <ListRow
                key={field.key}
                id={`plan-timetable-${field.name}`}
                title={t('plan.sessionN', { n: field.name + 1 })}
                onRemove={() => remove(field.name)}
                removeLabel={t('plan.remove')}
              >
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'start']} label={t('plan.f.start')} rules={[timeRule(t)]}>
                      <Input placeholder="15:40" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'end']} label={t('plan.f.end')} rules={[timeRule(t)]}>
                      <Input placeholder="16:40" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'activity']} label={t('plan.f.activity')}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'category']} label={t('plan.f.category')}>
                      <Select options={categories} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'kind']} label={t('plan.f.kind')}>
                      <Select options={kinds} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'venueId']} label={t('plan.f.venue')}>
                      <Select options={venues} notFoundContent={t('plan.addVenueFirst')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'staffIds']} label={t('plan.f.staff')}>
                      <Select mode="multiple" options={staff} notFoundContent={t('plan.addStaffFirst')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name={[field.name, 'weekdays']} label={t('plan.f.sessionDays')}>
                      <Select
                        mode="multiple"
                        options={dayOptions}
                        placeholder={t('plan.f.everyDay')}
                        allowClear
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            ))}
            <AddButton
              testId="add-session"
              onClick={() => {
                // A new session starts where the last one ended, in the same room with the same people.
                const last = (form.getFieldValue('timetable') as PlanFormValues['timetable'] | undefined)?.at(
                  -1,
                );
                add({
                  weekdays: [],
                  start: last?.end ?? '',
                  end: '',
                  activity: '',
                  category: null,
                  kind: null,
                  venueId: last?.venueId ?? null,
                  staffIds: last?.staffIds ?? [],
                });
              }}
            >
              {t('plan.addSession')}
            </AddButton>
          </div>
        )}
      </Form.List>
      <Clause>{t('plan.clause.timetable')}</Clause>
    </Card>
  );
}

export function BatchesSection() {
  const { t } = useI18n();
  const seasonOptions = [
    { value: 'both', label: t('plan.season.both') },
    { value: 'summer', label: t('plan.season.summer') },
    { value: 'other', label: t('plan.season.other') },
  ];
  return (
    <Card size="small" title={t('plan.section.batches')} id="plan-departureBatches">
      <Form.List name="departureBatches">
        {(fields, { add, remove }) => (
          <div className="kh-list">
            {fields.map((field) => (
              <ListRow
                key={field.key}
                id={`plan-departureBatches-${field.name}`}
                title={t('plan.batchN', { n: field.name + 1 })}
                onRemove={() => remove(field.name)}
                removeLabel={t('plan.remove')}
              >
                <Row gutter={12}>
                  <Col xs={24} md={10}>
                    <Form.Item name={[field.name, 'name']} label={t('plan.f.batchName')}>
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, 'time']}
                      label={t('plan.f.batchTime')}
                      rules={[timeRule(t)]}
                    >
                      <Input placeholder="17:00" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item name={[field.name, 'seasons']} label={t('plan.f.batchSeasons')}>
                      <Select options={seasonOptions} />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            ))}
            <AddButton
              testId="add-batch"
              onClick={() =>
                add({ name: t('plan.batchDefaultName', { n: fields.length + 1 }), time: '', seasons: 'both' })
              }
            >
              {t('plan.addBatch')}
            </AddButton>
          </div>
        )}
      </Form.List>
      <Clause>{t('plan.clause.batches')}</Clause>
    </Card>
  );
}

export function VenuesSection({ values }: SectionProps) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('plan.section.venues')} id="plan-venues">
      <Form.List name="venues">
        {(fields, { add, remove }) => (
          <div className="kh-list">
            {fields.map((field) => (
              <ListRow
                key={field.key}
                id={`plan-venues-${field.name}`}
                title={t('plan.venueN', { n: field.name + 1 })}
                onRemove={() => remove(field.name)}
                removeLabel={t('plan.remove')}
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'name']} label={t('plan.f.venueName')}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'capacity']} label={t('plan.f.capacity')}>
                      <InputNumber
                        min={1}
                        max={10000}
                        precision={0}
                        style={{ width: '100%' }}
                        inputMode="numeric"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, 'inspectionPassedOn']}
                      label={t('plan.f.inspectionPassedOn')}
                    >
                      <IsoDatePicker />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, 'inspectionValidUntil']}
                      label={t('plan.f.inspectionValidUntil')}
                    >
                      <IsoDatePicker />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            ))}
            <AddButton
              testId="add-venue"
              onClick={() =>
                add({
                  id: nextId('v', values.venues),
                  name: '',
                  capacity: null,
                  inspectionPassedOn: null,
                  inspectionValidUntil: null,
                })
              }
            >
              {t('plan.addVenue')}
            </AddButton>
          </div>
        )}
      </Form.List>
      <Clause>{t('plan.clause.venues')}</Clause>
    </Card>
  );
}

export function StaffSection({ values }: SectionProps) {
  const { t } = useI18n();
  const roles = [
    { value: 'teacher', label: t('plan.role.teacher') },
    { value: 'manager', label: t('plan.role.manager') },
  ];
  return (
    <Card size="small" title={t('plan.section.staff')} id="plan-staff">
      <Form.List name="staff">
        {(fields, { add, remove }) => (
          <div className="kh-list">
            {fields.map((field) => (
              <ListRow
                key={field.key}
                id={`plan-staff-${field.name}`}
                title={t('plan.staffN', { n: field.name + 1 })}
                onRemove={() => remove(field.name)}
                removeLabel={t('plan.remove')}
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'name']} label={t('plan.f.staffName')}>
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'role']} label={t('plan.f.role')}>
                      <Select options={roles} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'letterSignedOn']} label={t('plan.f.letterSignedOn')}>
                      <IsoDatePicker />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'letterValidUntil']} label={t('plan.f.letterValidUntil')}>
                      <IsoDatePicker />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            ))}
            <AddButton
              testId="add-staff"
              onClick={() =>
                add({
                  id: nextId('s', values.staff),
                  name: '',
                  role: 'teacher',
                  letterSignedOn: null,
                  letterValidUntil: null,
                })
              }
            >
              {t('plan.addStaff')}
            </AddButton>
          </div>
        )}
      </Form.List>
      <Clause>{t('plan.clause.staff')}</Clause>
    </Card>
  );
}

export function GroupsSection({ values, schoolGrades }: SectionProps) {
  const { lang, t } = useI18n();
  const venues = (values.venues ?? []).map((v) => ({ value: v.id, label: v.name || v.id }));
  const teachers = (values.staff ?? [])
    .filter((p) => p.role === 'teacher')
    .map((p) => ({ value: p.id, label: p.name || p.id }));
  return (
    <Card size="small" title={t('plan.section.groups')} id="plan-groups">
      <Form.List name="groups">
        {(fields, { add, remove }) => (
          <div className="kh-list">
            {fields.map((field) => (
              <ListRow
                key={field.key}
                id={`plan-groups-${field.name}`}
                title={t('plan.groupN', { n: field.name + 1 })}
                onRemove={() => remove(field.name)}
                removeLabel={t('plan.remove')}
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'name']} label={t('plan.f.groupName')}>
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'grades']} label={t('plan.f.grades')}>
                      <Select mode="multiple" options={gradeOptions(lang, schoolGrades)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'venueId']} label={t('plan.f.venue')}>
                      <Select options={venues} allowClear />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'teacherId']} label={t('plan.f.teacher')}>
                      <Select options={teachers} allowClear />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            ))}
            <AddButton
              testId="add-group"
              onClick={() =>
                add({ id: nextId('g', values.groups), name: '', grades: [], venueId: null, teacherId: null })
              }
            >
              {t('plan.addGroup')}
            </AddButton>
          </div>
        )}
      </Form.List>
      <Clause>{t('plan.clause.groups')}</Clause>
    </Card>
  );
}

export function ContactsSection() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('plan.section.contacts')} id="plan-emergencyContacts">
      <div id="plan-principalOfficePhone">
        <Form.Item name="principalOfficePhone" label={t('plan.f.principalPhone')}>
          <Input inputMode="tel" maxLength={40} placeholder="0755-12345678" style={{ maxWidth: 320 }} />
        </Form.Item>
      </div>
      <Form.List name="emergencyContacts">
        {(fields, { add, remove }) => (
          <div className="kh-list">
            {fields.map((field) => (
              <ListRow
                key={field.key}
                id={`plan-emergencyContacts-${field.name}`}
                title={t('plan.contactN', { n: field.name + 1 })}
                onRemove={() => remove(field.name)}
                removeLabel={t('plan.remove')}
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'name']} label={t('plan.f.contactName')}>
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'role']} label={t('plan.f.contactRole')}>
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'phone']} label={t('plan.f.contactPhone')}>
                      <Input inputMode="tel" maxLength={40} />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            ))}
            <AddButton testId="add-contact" onClick={() => add({ name: '', role: '', phone: '' })}>
              {t('plan.addContact')}
            </AddButton>
          </div>
        )}
      </Form.List>
      <Clause>{t('plan.clause.contacts')}</Clause>
    </Card>
  );
}

export function InsuranceSection({ values }: SectionProps) {
  const { lang, t } = useI18n();
  const listed = new Set((values.insurance ?? []).map((p) => p.kind));
  const kinds = (['school_liability', 'student_accident'] as const).map((k) => ({
    value: k,
    label: insuranceKindLabel(lang, k),
  }));
  return (
    <Card size="small" title={t('plan.section.insurance')} id="plan-insurance">
      <Form.List name="insurance">
        {(fields, { add, remove }) => (
          <div className="kh-list">
            {fields.map((field) => (
              <ListRow
                key={field.key}
                id={`plan-insurance-${field.name}`}
                title={t('plan.insuranceN', { n: field.name + 1 })}
                onRemove={() => remove(field.name)}
                removeLabel={t('plan.remove')}
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'kind']} label={t('plan.f.insuranceKind')}>
                      <Select options={kinds} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'insurer']} label={t('plan.f.insurer')}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'number']} label={t('plan.f.policyNumber')}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item name={[field.name, 'coverFrom']} label={t('plan.f.coverFrom')}>
                      <IsoDatePicker />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item name={[field.name, 'coverTo']} label={t('plan.f.coverTo')}>
                      <IsoDatePicker />
                    </Form.Item>
                  </Col>
                </Row>
              </ListRow>
            ))}
            <AddButton
              testId="add-insurance"
              onClick={() => {
                // The kind not yet listed first: both are needed (B 六(三)).
                add({
                  kind:
                    listed.has('school_liability') && !listed.has('student_accident')
                      ? 'student_accident'
                      : 'school_liability',
                  insurer: '',
                  number: '',
                  coverFrom: null,
                  coverTo: null,
                });
              }}
            >
              {t('plan.addInsurance')}
            </AddButton>
          </div>
        )}
      </Form.List>
      <Clause>{t('plan.clause.insurance')}</Clause>
    </Card>
  );
}
