/** What a column holds, as far as linking records goes; each kind has its own comparison and blocking keys. */
export const COLUMN_KINDS = [
  'given_name',
  'surname',
  'full_name',
  'email',
  'phone',
  'date',
  'postcode',
  'house_number',
  'street',
  'address',
  'city',
  'region',
  'categorical',
  'number',
  'id_code',
  'text',
  'skip',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];
