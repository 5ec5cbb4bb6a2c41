/**
 * A product is non-promotable (it neither earns points nor may be paid with them) when it is
 * flagged itself, or any category on its path is flagged in the catalog or in the settings.
 */
export function isNonPromotable(productFlag: boolean, categoryPath: readonly string[], nonPromotableCategories: ReadonlySet<string>): boolean {
  return productFlag || categoryPath.some((code) => nonPromotableCategories.has(code));
}
