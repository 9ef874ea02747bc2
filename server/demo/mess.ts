import type { Random } from './random.ts';

/** The small ways real systems disagree about the same value. Each draw happens only when `p` hits. */

/** "robert.smith@acme.com" -> "Robert.Smith@Acme.com", "ROBERT.SMITH@ACME.COM" or with stray spaces. */
export function messyEmail(random: Random, email: string, p: number): string {
  if (!random.chance(p)) return email;
  const [local = '', domain = ''] = email.split('@');
  const title = (s: string) => s.replace(/(^|[._-])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  return random.weighted<string>([
    [`${title(local)}@${title(domain)}`, 4],
    [email.toUpperCase(), 1],
    [` ${email}`, 1],
    [`${email} `, 2],
    [`${title(local)}@${domain}\t`, 1],
  ]);
}

/** Swaps two neighbouring letters or drops one: "Smith" -> "Smtih" / "Smth". */
export function typo(random: Random, word: string): string {
  if (word.length < 4) return word;
  const i = random.int(1, word.length - 2);
  return random.chance(0.6) ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
}

/** How a person's name reads in a system where they typed it themselves. */
export function typedName(
  random: Random,
  person: { first: string; last: string; nicknames: readonly string[]; clean: boolean },
  p: { nickname: number; typo: number; lower: number; firstOnly: number },
): string {
  if (person.clean) return `${person.first} ${person.last}`;
  const first = person.nicknames.length > 0 && random.chance(p.nickname) ? random.pick(person.nicknames) : person.first;
  const last = random.chance(p.typo) ? typo(random, person.last) : person.last;
  if (random.chance(p.firstOnly)) return first;
  const name = `${first} ${last}`;
  return random.chance(p.lower) ? name.toLowerCase() : name;
}

/** A CRM "Website" field: scheme, www and trailing slash as people type them. */
export function website(random: Random, domain: string): string {
  return random.weighted<string>([
    [`https://www.${domain}`, 4],
    [domain, 3],
    [`http://${domain}/`, 1],
    [`www.${domain}`, 2],
    [`https://${domain}/`, 1],
  ]);
}
