/**
 * The demo chain's catalog: a grocery and drugstore assortment with Russian and English names,
 * brands, shelf prices (rubles) and margins. Leaf categories carry a popularity weight (share of
 * basket lines before affinities) and weighed goods are sold by the kilogram.
 */
export interface DemoCategory {
  code: string;
  parent: string | null;
  ru: string;
  en: string;
  nonPromotable?: boolean;
}

export interface DemoLeaf {
  category: string;
  /** Relative chance that a basket line comes from this category. */
  weight: number;
  weighed?: boolean;
  /** Weighed goods that make up the rest of a basket's target spend (never a basket's lead line). */
  filler?: boolean;
  /** [ru, en, brand, price in rubles, margin in percent] */
  products: [string, string, string, number, number][];
}

export const demoCategories: DemoCategory[] = [
  { code: 'food', parent: null, ru: 'Продукты', en: 'Food' },
  { code: 'dairy', parent: 'food', ru: 'Молочные продукты', en: 'Dairy' },
  { code: 'bakery', parent: 'food', ru: 'Хлеб и выпечка', en: 'Bakery' },
  { code: 'produce', parent: 'food', ru: 'Овощи и фрукты', en: 'Fruit and vegetables' },
  { code: 'meat', parent: 'food', ru: 'Мясо и птица', en: 'Meat and poultry' },
  { code: 'grocery', parent: 'food', ru: 'Бакалея', en: 'Grocery' },
  { code: 'pasta', parent: 'grocery', ru: 'Макароны', en: 'Pasta' },
  { code: 'sauces', parent: 'grocery', ru: 'Соусы', en: 'Sauces' },
  { code: 'cereals', parent: 'grocery', ru: 'Крупы', en: 'Cereals' },
  { code: 'coffee', parent: 'grocery', ru: 'Кофе', en: 'Coffee' },
  { code: 'tea', parent: 'grocery', ru: 'Чай', en: 'Tea' },
  { code: 'sweets', parent: 'food', ru: 'Сладости', en: 'Sweets' },
  { code: 'by-weight', parent: 'food', ru: 'Развесные сладости и орехи', en: 'Sweets and nuts by weight' },
  { code: 'snacks', parent: 'food', ru: 'Снеки', en: 'Snacks' },
  { code: 'drinks', parent: 'food', ru: 'Напитки', en: 'Soft drinks' },
  { code: 'frozen', parent: 'food', ru: 'Замороженные продукты', en: 'Frozen food' },
  { code: 'alcohol', parent: null, ru: 'Алкоголь', en: 'Alcohol', nonPromotable: true },
  { code: 'beer', parent: 'alcohol', ru: 'Пиво', en: 'Beer' },
  { code: 'wine', parent: 'alcohol', ru: 'Вино', en: 'Wine' },
  { code: 'tobacco', parent: null, ru: 'Табак', en: 'Tobacco', nonPromotable: true },
  { code: 'home', parent: null, ru: 'Дом и красота', en: 'Home and beauty' },
  { code: 'household', parent: 'home', ru: 'Бытовая химия', en: 'Household chemicals' },
  { code: 'hygiene', parent: 'home', ru: 'Гигиена', en: 'Personal care' },
  { code: 'baby', parent: 'home', ru: 'Детские товары', en: 'Baby care' },
  { code: 'pharmacy', parent: 'home', ru: 'Аптечные товары', en: 'Pharmacy' },
  { code: 'pets', parent: 'home', ru: 'Товары для животных', en: 'Pet supplies' },
];

export const demoLeaves: DemoLeaf[] = [
  { category: 'dairy', weight: 14, products: [
    ['Молоко 3,2% 1 л', 'Milk 3.2% 1 l', 'Простоквашино', 89, 18], ['Кефир 1% 900 г', 'Kefir 1% 900 g', 'Домик в деревне', 79, 20],
    ['Сметана 20% 300 г', 'Sour cream 20% 300 g', 'Простоквашино', 99, 22], ['Творог 5% 200 г', 'Cottage cheese 5% 200 g', 'Савушкин', 119, 21],
    ['Сыр Российский 200 г', 'Rossiysky cheese 200 g', 'Ларец', 229, 24], ['Масло сливочное 82,5% 180 г', 'Butter 82.5% 180 g', 'Экомилк', 199, 17],
    ['Йогурт клубничный 290 г', 'Strawberry yoghurt 290 g', 'Epica', 89, 26],
  ] },
  { category: 'bakery', weight: 12, products: [
    ['Батон нарезной 400 г', 'Sliced loaf 400 g', 'Хлебный дом', 59, 25], ['Хлеб Бородинский 400 г', 'Borodinsky rye bread 400 g', 'Коломенское', 69, 24],
    ['Круассаны 6 шт', 'Croissants 6 pcs', '7 Days', 149, 30], ['Лаваш армянский 240 г', 'Armenian lavash 240 g', 'Хлебный дом', 65, 28],
  ] },
  { category: 'produce', weight: 14, weighed: true, products: [
    ['Бананы', 'Bananas', 'Эквадор', 129, 28], ['Яблоки Гала', 'Gala apples', 'Сербия', 169, 30], ['Картофель', 'Potatoes', 'Россия', 45, 35],
    ['Помидоры', 'Tomatoes', 'Россия', 249, 32], ['Огурцы', 'Cucumbers', 'Россия', 199, 32], ['Лук репчатый', 'Onions', 'Россия', 39, 35],
  ] },
  { category: 'meat', weight: 8, weighed: true, products: [
    ['Филе куриное', 'Chicken fillet', 'Петелинка', 429, 18], ['Фарш говяжий', 'Minced beef', 'Мираторг', 599, 20],
    ['Свинина шейка', 'Pork neck', 'Черкизово', 549, 19], ['Колбаса докторская', 'Doktorskaya sausage', 'Останкино', 699, 25],
  ] },
  { category: 'pasta', weight: 4, products: [
    ['Спагетти 450 г', 'Spaghetti 450 g', 'Barilla', 139, 27], ['Перья 450 г', 'Penne 450 g', 'Barilla', 139, 27], ['Рожки 400 г', 'Macaroni 400 g', 'Макфа', 69, 25],
  ] },
  { category: 'sauces', weight: 2, products: [
    ['Соус томатный с базиликом 400 г', 'Tomato and basil sauce 400 g', 'Barilla', 229, 30], ['Кетчуп 350 г', 'Ketchup 350 g', 'Heinz', 149, 28],
    ['Майонез 67% 390 г', 'Mayonnaise 67% 390 g', 'Слобода', 129, 26],
  ] },
  { category: 'cereals', weight: 4, products: [
    ['Гречка 900 г', 'Buckwheat 900 g', 'Увелка', 119, 22], ['Рис круглозерный 900 г', 'Round rice 900 g', 'Мистраль', 129, 22], ['Овсяные хлопья 500 г', 'Oat flakes 500 g', 'Геркулес', 79, 24],
  ] },
  { category: 'coffee', weight: 4, products: [
    ['Кофе молотый 250 г', 'Ground coffee 250 g', 'Jacobs', 399, 30], ['Кофе растворимый 95 г', 'Instant coffee 95 g', 'Nescafé Gold', 349, 29],
    ['Кофе в зёрнах 1 кг', 'Coffee beans 1 kg', 'Lavazza', 1899, 27],
  ] },
  { category: 'tea', weight: 3, products: [
    ['Чай чёрный 100 пак.', 'Black tea 100 bags', 'Greenfield', 349, 30], ['Чай зелёный 25 пак.', 'Green tea 25 bags', 'Tess', 129, 31],
  ] },
  { category: 'sweets', weight: 7, products: [
    ['Шоколад молочный 90 г', 'Milk chocolate 90 g', 'Alpen Gold', 89, 30], ['Конфеты Мишка косолапый 200 г', 'Mishka Kosolapy sweets 200 g', 'Красный Октябрь', 349, 32],
    ['Печенье овсяное 300 г', 'Oat cookies 300 g', 'Юбилейное', 99, 28], ['Зефир ванильный 250 г', 'Vanilla zefir 250 g', 'Шармель', 139, 31],
  ] },
  { category: 'by-weight', weight: 0, weighed: true, filler: true, products: [
    ['Конфеты развесные', 'Loose sweets', 'Рот Фронт', 599, 30], ['Орехи ассорти', 'Mixed nuts', 'Семушка', 1199, 27], ['Сухофрукты', 'Dried fruit', 'Фруктовый сад', 699, 29],
  ] },
  { category: 'snacks', weight: 5, products: [
    ['Чипсы со сметаной 140 г', 'Sour cream crisps 140 g', "Lay's", 149, 34], ['Сухарики 100 г', 'Rye croutons 100 g', 'Кириешки', 49, 36], ['Орешки солёные 150 г', 'Salted peanuts 150 g', 'Семушка', 129, 33],
  ] },
  { category: 'drinks', weight: 7, products: [
    ['Вода питьевая 1,5 л', 'Still water 1.5 l', 'Святой источник', 59, 35], ['Сок апельсиновый 1 л', 'Orange juice 1 l', 'Добрый', 139, 28],
    ['Газировка Кола 1,5 л', 'Cola 1.5 l', 'Добрый', 119, 30], ['Морс клюквенный 1 л', 'Cranberry mors 1 l', 'Фруктовый сад', 109, 29],
  ] },
  { category: 'frozen', weight: 4, products: [
    ['Пельмени 800 г', 'Pelmeni 800 g', 'Сибирская коллекция', 449, 24], ['Мороженое пломбир 400 г', 'Plombir ice cream 400 g', 'Чистая линия', 289, 27], ['Овощная смесь 400 г', 'Vegetable mix 400 g', 'Hortex', 179, 26],
  ] },
  { category: 'beer', weight: 4, products: [
    ['Пиво светлое 0,45 л', 'Lager 0.45 l', 'Жигулёвское', 89, 22], ['Пиво нефильтрованное 0,45 л', 'Unfiltered beer 0.45 l', 'Хамовники', 139, 22],
  ] },
  { category: 'wine', weight: 2, products: [
    ['Вино красное сухое 0,75 л', 'Dry red wine 0.75 l', 'Фанагория', 699, 25], ['Вино белое полусладкое 0,75 л', 'Semi-sweet white wine 0.75 l', 'Абрау-Дюрсо', 599, 25],
  ] },
  { category: 'tobacco', weight: 2, products: [
    ['Сигареты, пачка', 'Cigarettes, pack', 'Петр I', 199, 9], ['Стики для нагревания, пачка', 'Heated tobacco sticks, pack', 'Fiit', 219, 9],
  ] },
  { category: 'household', weight: 3, products: [
    ['Средство для мытья посуды 450 мл', 'Dishwashing liquid 450 ml', 'Fairy', 229, 30], ['Порошок стиральный 3 кг', 'Washing powder 3 kg', 'Persil', 799, 28],
    ['Бумага туалетная 8 рул.', 'Toilet paper 8 rolls', 'Zewa', 329, 27],
  ] },
  { category: 'hygiene', weight: 3, products: [
    ['Зубная паста 100 мл', 'Toothpaste 100 ml', 'Colgate', 189, 33], ['Шампунь 400 мл', 'Shampoo 400 ml', 'Head & Shoulders', 549, 32], ['Мыло жидкое 500 мл', 'Liquid soap 500 ml', 'Palmolive', 199, 33],
  ] },
  { category: 'baby', weight: 2, products: [
    ['Подгузники 4, 50 шт', 'Nappies size 4, 50 pcs', 'Pampers', 1499, 21], ['Салфетки влажные детские 64 шт', 'Baby wipes 64 pcs', 'Huggies', 189, 30], ['Пюре яблочное 90 г', 'Apple puree 90 g', 'ФрутоНяня', 59, 27],
  ] },
  { category: 'pharmacy', weight: 2, products: [
    ['Витамин C 20 табл.', 'Vitamin C 20 tablets', 'Эвалар', 249, 35], ['Пластырь 20 шт', 'Plasters 20 pcs', 'Cosmos', 179, 34],
  ] },
  { category: 'pets', weight: 2, products: [
    ['Корм для кошек 85 г', 'Cat food 85 g', 'Whiskas', 39, 30], ['Корм для собак сухой 2,2 кг', 'Dry dog food 2.2 kg', 'Pedigree', 899, 25],
  ] },
];

/**
 * Planted affinities: buying something from `from` makes a line from `to` likely in the same
 * basket (probability `p`, on top of its base share). Association-rule mining should find each of
 * them with confidence near `p` plus the base rate, and lift well above 1.
 */
export const plantedAffinities: { from: string; to: string; p: number }[] = [
  { from: 'pasta', to: 'sauces', p: 0.55 },
  { from: 'beer', to: 'snacks', p: 0.5 },
  { from: 'coffee', to: 'dairy', p: 0.45 },
  { from: 'baby', to: 'hygiene', p: 0.35 },
  { from: 'meat', to: 'produce', p: 0.4 },
];

export interface DemoStore {
  code: string;
  ru: string;
  en: string;
  cityRu: string;
  cityEn: string;
  format: 'hypermarket' | 'supermarket' | 'convenience' | 'drugstore';
  timeZone: string;
  /** Relative share of the chain's traffic. */
  traffic: number;
}

const cities: [string, string, string][] = [
  ['Москва', 'Moscow', 'Europe/Moscow'],
  ['Санкт-Петербург', 'Saint Petersburg', 'Europe/Moscow'],
  ['Казань', 'Kazan', 'Europe/Moscow'],
  ['Самара', 'Samara', 'Europe/Samara'],
  ['Екатеринбург', 'Yekaterinburg', 'Asia/Yekaterinburg'],
  ['Новосибирск', 'Novosibirsk', 'Asia/Novosibirsk'],
];
const formats: [DemoStore['format'], string, string, number][] = [
  ['hypermarket', 'Гипермаркет', 'Hypermarket', 5],
  ['supermarket', 'Супермаркет', 'Supermarket', 3],
  ['convenience', 'У дома', 'Corner shop', 1.5],
  ['drugstore', 'Дрогери', 'Drugstore', 1],
];

/** `count` stores spread over the cities and formats, Moscow heaviest. */
export function demoStores(count: number): DemoStore[] {
  const stores: DemoStore[] = [];
  for (let i = 0; i < count; i++) {
    const [cityRu, cityEn, timeZone] = cities[i % cities.length]!;
    const [format, fRu, fEn, traffic] = formats[Math.floor(i / cities.length + i) % formats.length]!;
    const n = String(i + 1).padStart(3, '0');
    stores.push({ code: `S${n}`, ru: `${fRu} ${cityRu} №${i + 1}`, en: `${fEn} ${cityEn} #${i + 1}`, cityRu, cityEn, format, timeZone, traffic: traffic * (i % cities.length === 0 ? 1.8 : 1) });
  }
  return stores;
}
