// Departure (F-13, C 2 弹性离校) and extended custody (F-14, C 延时托管): request and answer shapes.
import { z } from 'zod';
import { IDENTITY_CHECKS } from '../../../domain/departure.js';
import { multilineText, text } from '../../schemas.js';

export const childParams = z.object({ schoolId: z.uuid(), studentId: z.uuid() });
export const dayParams = z.object({ schoolId: z.uuid(), date: z.string() });
export const optionalDateQuery = z.strictObject({ date: z.string().optional() });

const batch = z.object({ name: z.string(), time: z.string() });
const status = z.enum(['expected', 'present', 'called', 'absent', 'on_leave', 'in_custody', 'released']);
export const releaseMethod = z.enum(['pickup_code', 'listed_person', 'alone']);
export const identityCheckMethod = z.enum(IDENTITY_CHECKS);

// A release before the child's batch (C 2): the batch and how many minutes early.
export const earlySchema = z.object({
  batchName: z.string(),
  batchTime: z.string(),
  minutesEarly: z.number().int(),
});

// What happened at the gate, with names as the people involved see them.
export const releaseDetailSchema = z.object({
  at: z.string(),
  method: releaseMethod,
  // The authorized person the child went with (null: left alone with the guardian's permission).
  person: z.object({ id: z.uuid(), name: z.string(), relation: z.string() }).nullable(),
  byName: z.string().nullable(),
  // How the gate checked the person without the code (issue 14.4): null for the code, a child leaving
  // alone, and releases recorded before the check existed.
  identityCheck: z.object({ method: identityCheckMethod, last4: z.string().nullable() }).nullable(),
  // Released before the batch, as confirmed at the gate (null: not early).
  early: z.object({ batchTime: z.string(), minutesEarly: z.number().int() }).nullable(),
});
export const custodyDetailSchema = z.object({
  at: z.string(),
  staffId: z.uuid(),
  staffName: z.string().nullable(),
  automatic: z.boolean(),
});
export type ReleaseDetail = z.infer<typeof releaseDetailSchema>;
export type CustodyDetail = z.infer<typeof custodyDetailSchema>;

// ── guardian ───────────────────────────────────────────────────────────────────────────────────

export const pickupCodeViewSchema = z.object({
  date: z.string(),
  school: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  child: z.object({ studentId: z.uuid(), name: z.string(), grade: z.number().int(), className: z.string() }),
  // False when the child is not in the service today (not enrolled that weekday, withdrawn…).
  attending: z.boolean(),
  status: status.nullable(),
  // Six digits, only while the child is expected or in care (not on leave, absent or gone).
  code: z.string().nullable(),
  // What the gate scans: kehou:pickup:<学校标识码>:<YYYYMMDD>:<code>.
  qr: z.string().nullable(),
  batch: batch.nullable(),
  // Every batch of the day with whether today's batch may still move to it (C 2; cut-off before
  // the earlier of the two).
  batches: z.array(batch.extend({ open: z.boolean() })),
  batchChangeOpen: z.boolean(),
  // The last moment today's batch can change at all (HH:MM), for the page to say so.
  batchChangeUntil: z.string().nullable(),
  cutoffMinutes: z.number().int(),
  calledAt: z.string().nullable(),
  release: releaseDetailSchema.nullable(),
  custody: custodyDetailSchema.nullable(),
  pickupPersons: z.array(z.object({ id: z.uuid(), name: z.string(), relation: z.string() })),
});
export type PickupCodeView = z.infer<typeof pickupCodeViewSchema>;

export const changeBatchBody = z.strictObject({ batch: text(50) });

// ── gate ───────────────────────────────────────────────────────────────────────────────────────

// Typed digits (spaces, dashes, full-width digits accepted) or the scanned QR text.
const codeInput = text(120);
export const lookupBody = z.strictObject({ code: codeInput });
export const verifyBody = z.strictObject({ studentId: z.uuid(), code: codeInput });

export const gateChildSchema = z.object({
  studentId: z.uuid(),
  name: z.string(),
  grade: z.number().int(),
  className: z.string(),
  groupName: z.string().nullable(),
  status,
  batch: batch.nullable(),
  flags: z.object({
    extendedCustody: z.boolean(),
    mayLeaveAlone: z.boolean(),
    onLeave: z.boolean(),
    absent: z.boolean(),
    notMarked: z.boolean(),
  }),
  calledAt: z.string().nullable(),
  release: releaseDetailSchema.nullable(),
  custody: custodyDetailSchema.nullable(),
  // Phones masked (138****1234) for readers without roster.full_phones, e.g. the gate guard.
  pickupPersons: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      relation: z.string(),
      phone: z.string().nullable(),
      photoUrl: z.string().nullable(),
    }),
  ),
  // How the child was found: by the code (looked up or verified) or not at all (by name).
  codeChecked: z.boolean(),
  // Before the child's batch at the time of the answer (C 2): a release now must be confirmed.
  early: earlySchema.nullable(),
});
export type GateChild = z.infer<typeof gateChildSchema>;

export const releaseBody = z.strictObject({
  studentId: z.uuid(),
  method: releaseMethod,
  // For pickup_code: the code again, checked in the same transaction as the release.
  code: codeInput.optional(),
  pickupPersonId: z.uuid().optional(),
  // For listed_person (issue 14.4): how the gate checked the person — the photo on file (the face
  // matches), the ID number's last four characters (e.g. 123X; never the whole number), or the ID
  // document seen. Required for listed_person, refused with the other methods.
  identityCheck: z.strictObject({ method: identityCheckMethod, last4: text(8).optional() }).optional(),
  // True when the person releasing confirmed releasing before the child's batch (C 2). Without it an
  // early release is refused with EARLY_RELEASE_UNCONFIRMED and its batch time and minutes early.
  confirmEarly: z.boolean().optional(),
  note: multilineText(200).optional(),
  deviceId: text(100),
});
export type ReleaseBody = z.infer<typeof releaseBody>;

export const releaseResultSchema = z.object({
  eventId: z.uuid(),
  studentId: z.uuid(),
  status,
  release: releaseDetailSchema,
});

export const callBody = z.strictObject({ studentId: z.uuid(), deviceId: text(100).optional() });
export const callResultSchema = z.object({
  eventId: z.uuid(),
  studentId: z.uuid(),
  status,
  calledAt: z.string(),
});

export const custodyBody = z.strictObject({
  studentId: z.uuid(),
  staffId: z.uuid().optional(),
  deviceId: text(100).optional(),
});
export const custodyResultSchema = z.object({
  eventId: z.uuid(),
  studentId: z.uuid(),
  status,
  custody: custodyDetailSchema,
});
