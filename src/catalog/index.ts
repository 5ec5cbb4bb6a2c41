export { createStore, listStores, findStore, getStore, type Store, type NewStore } from './stores.ts';
export { upsertCategories, upsertProducts, productsForReceipt, listProductsWithPaths, type CategoryInput, type ProductInput, type ReceiptProduct } from './products.ts';
