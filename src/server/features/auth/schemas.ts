import { z } from 'zod';
import { roleSchema, text } from '../../schemas.js';

export const loginBody = z.strictObject({
  identifier: text(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBody>;

export const sessionResponse = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string().nullable(),
    displayName: z.string(),
    phone: z.string().nullable(),
    mustSetPassword: z.boolean(),
  }),
  memberships: z.array(
    z.object({
      id: z.uuid(),
      role: roleSchema,
      regionId: z.uuid().nullable(),
      regionName: z.string().nullable(),
      schoolId: z.uuid().nullable(),
      schoolName: z.string().nullable(),
    }),
  ),
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
