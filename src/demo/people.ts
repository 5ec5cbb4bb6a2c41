import type { Random } from '../models/index.ts';

const femaleNames = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Екатерина', 'Юлия', 'Дарья', 'Алина', 'Ксения', 'Полина'];
const maleNames = ['Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Максим', 'Иван', 'Михаил', 'Николай', 'Артём', 'Владимир', 'Павел', 'Егор', 'Роман'];
const surnames: [string, string][] = [
  ['Иванов', 'Иванова'], ['Смирнов', 'Смирнова'], ['Кузнецов', 'Кузнецова'], ['Попов', 'Попова'], ['Васильев', 'Васильева'], ['Петров', 'Петрова'],
  ['Соколов', 'Соколова'], ['Михайлов', 'Михайлова'], ['Новиков', 'Новикова'], ['Фёдоров', 'Фёдорова'], ['Морозов', 'Морозова'], ['Волков', 'Волкова'],
  ['Алексеев', 'Алексеева'], ['Лебедев', 'Лебедева'], ['Семёнов', 'Семёнова'], ['Егоров', 'Егорова'], ['Павлов', 'Павлова'], ['Козлов', 'Козлова'],
];
const latin: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export function transliterate(text: string): string {
  return [...text.toLowerCase()].map((c) => latin[c] ?? c).join('');
}

export interface Person {
  firstName: string;
  surname: string;
  gender: 'female' | 'male';
  birthDate: string;
  consents: { sms: boolean; email: boolean; push: boolean };
}

/** A shopper's demographics: 62% women (as in Russian grocery loyalty bases), ages 18–80 around 42. */
export function drawPerson(rng: Random, atMs: number): Person {
  const gender = rng.bernoulli(0.62) ? 'female' : 'male';
  const firstName = gender === 'female' ? femaleNames[rng.int(femaleNames.length)]! : maleNames[rng.int(maleNames.length)]!;
  const pair = surnames[rng.int(surnames.length)]!;
  const age = Math.min(80, Math.max(18, rng.normal(42, 13)));
  const birth = new Date(atMs - age * 365.25 * 86_400_000);
  const birthDate = birth.toISOString().slice(0, 10);
  return {
    firstName,
    surname: gender === 'female' ? pair[1] : pair[0],
    gender,
    birthDate,
    consents: { sms: rng.bernoulli(0.7), email: rng.bernoulli(0.45), push: rng.bernoulli(0.3) },
  };
}

/** Phone, card and e-mail derived from the shopper's number: unique, and the same on every run. */
export function identities(index: number, person: Person) {
  return {
    phone: `+79${String(index).padStart(9, '0')}`,
    card: `7700${String(index).padStart(8, '0')}`,
    email: `${transliterate(person.firstName)}.${transliterate(person.surname)}${index}@example.ru`,
    externalId: `demo-${String(index).padStart(7, '0')}`,
  };
}
