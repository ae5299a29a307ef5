import { z } from 'zod';

/** The keys and labels every part of the template format names things with. */

export const apiKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,62}$/, 'must be a lowerCamelCase key (letters and digits, at most 63)');
export const label = z.string().trim().min(1).max(100);
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM');
