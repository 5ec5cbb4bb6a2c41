export { createStore, listStores, findStore, getStore, type Store, type NewStore } from './stores.ts';
