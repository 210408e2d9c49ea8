import { z } from 'zod';
import { Id } from './common.js';

export const Role = z.enum(['admin', 'designer', 'operator', 'worker']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  groups: z.array(z.string()),
  roles: z.array(Role),
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

const Username = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'username may contain letters, digits, ".", "_", "@" and "-"');
const Password = z.string().min(8, 'password must be at least 8 characters').max(200);
const GroupName = z.string().min(1).max(64);

export const LoginInput = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export type LoginInput = z.infer<typeof LoginInput>;

export const CreateUserInput = z.object({
  username: Username,
  password: Password,
  displayName: z.string().max(200).optional(),
  groups: z.array(GroupName).max(100).optional(),
  roles: z.array(Role).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  id: Id,
  displayName: z.string().max(200).optional(),
  groups: z.array(GroupName).max(100).optional(),
  roles: z.array(Role).optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;
