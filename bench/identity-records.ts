import { syntheticPeople } from '../server/identity/fuzzy/synthetic-people.ts';
import { seededRandom } from '../server/identity/fuzzy/seeded-random.ts';

/**
 * Person source records for the identity benchmark: the fuzzy engine's synthetic people (each person a clean
 * record and copies with typos, missing values, another email domain…) spread over three systems, as a sync
 * would have stored them, plus tickets that name their requester by the person's id in the same system.
 * The true person of each record is the part of its id before the `-`.
 */
export const BENCH_SOURCES = ['crm', 'product', 'zendesk'] as const;

export interface BenchRecord {
  source: (typeof BENCH_SOURCES)[number];
  kind: 'users' | 'tickets';
  sourceId: string;
  payload: Record<string, string>;
  personRef: string | null;
}

export function benchRecords(people: number, options: { seed?: number; ticketsPerPerson?: number } = {}): { users: BenchRecord[]; tickets: BenchRecord[] } {
  // About 1.5 records per person with the default duplicate rate.
  const synthetic = syntheticPeople({ people, duplicates: 0.5, seed: options.seed ?? 11, uniqueEmails: true });
  const random = seededRandom((options.seed ?? 11) + 1);
  const at = (name: string) => synthetic.header.indexOf(name);
  const [id, first, last, email, phone] = ['id', 'first_name', 'surname', 'email', 'phone'].map(at) as [number, number, number, number, number];
  const users = synthetic.rows.map((row): BenchRecord => {
    // A person's copies sit in different systems, the clean record anywhere.
    const copy = Number(row[id]!.split('-')[1]);
    const source = BENCH_SOURCES[(copy + Math.floor(random() * 3)) % 3]!;
    const name = [row[first], row[last]].filter(Boolean).join(' ');
    const payload: Record<string, string> = { id: row[id]! };
    if (name) payload.name = name;
    if (row[email]) payload.email = row[email]!;
    if (row[phone]) payload.phone = row[phone]!;
    return { source, kind: 'users', sourceId: row[id]!, payload, personRef: null };
  });
  const tickets: BenchRecord[] = [];
  const perPerson = options.ticketsPerPerson ?? 0;
  for (const user of users) {
    // floor(rate) tickets each, one more with the fractional part's chance: the mean is the rate.
    for (let n = Math.floor(perPerson) + (random() < perPerson % 1 ? 1 : 0); n > 0; n--) {
      const ticket = `t${tickets.length + 1}`;
      tickets.push({ source: user.source, kind: 'tickets', sourceId: ticket, payload: { id: ticket, requester_id: user.sourceId }, personRef: user.sourceId });
    }
  }
  return { users, tickets };
}
