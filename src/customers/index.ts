// customers: members, their identities (cards, phone, external id), consents and tiers.
// Never touches points: the ledger does, composed by processing.
export { createCustomer, getCustomer, findCustomer, identifyMember, survivorOf, setTier, requirePhone, type Customer, type NewCustomer, type IdentifiedBy, type IdentifiedMember } from './customers.ts';
export { addCard, blockCard, replaceCard } from './cards.ts';
export { mergeCustomers } from './merge.ts';
export { normalizePhone } from './phone.ts';
export { insertHistoricMembers, type HistoricMember } from './bulk-members.ts';
export { customersForAnalytics, type CustomerSnapshot } from './analytics-snapshot.ts';
export { searchCustomers } from './search.ts';
