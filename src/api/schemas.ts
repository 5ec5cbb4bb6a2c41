import { z } from 'zod';
import { userRoles } from './auth/users.ts';

/** Response shapes shared by several routes; each also appears once in the OpenAPI document. */
export const userSchema = z.object({
  id: z.string().meta({ example: 'usr_01jd7x2m3k4q5r6s7t8v9w0xyz' }),
  email: z.string().meta({ example: 'marketer@chain.ru' }),
  name: z.string(),
  role: z.enum(userRoles),
  locale: z.enum(['ru', 'en']),
  created_at: z.string(),
  disabled: z.boolean(),
});

export const storeSchema = z.object({
  id: z.string().meta({ example: 'sto_01jd7x2m3k4q5r6s7t8v9w0xyz' }),
  code: z.string().meta({ example: 'MSK-001' }),
  name: z.string().meta({ example: 'Тверская, 12' }),
  city: z.string().nullable(),
  format: z.string().nullable(),
  time_zone: z.string().meta({ example: 'Europe/Moscow' }),
  created_at: z.string(),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  store_id: z.string().nullable().describe('NULL: the key acts for the whole chain'),
  store_code: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked: z.boolean(),
});

export const idParams = z.object({ id: z.string().min(1).max(100) });
