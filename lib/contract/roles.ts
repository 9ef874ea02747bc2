import { z } from 'zod';

export const ROLES = ['support_agent', 'account_exec', 'cs_rep', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
