/**
 * The marketplace bench's query: a page of OPEN CPRs with issuer, funded amount and installments,
 * `first` a variable. The largest operation the product sends; gateway/test/limits/operation-cost.test.ts
 * checks its cost against MAX_COST.
 */
export const OPEN_CPR_PAGE = `query ($first: Int) { cprs(first: $first, filter: { status: OPEN }) { totalCount edges { node {
    id title issuer { id name } fundedAmount { amount currency } installments { number dueDate amount { amount } status } } } } }`;
