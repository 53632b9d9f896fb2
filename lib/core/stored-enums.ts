// Lists of a database enum's values kept in code (roles, kinds, states) for their order and labels:
// each is checked against the enum Prisma generates from schema.prisma, both ways. `satisfies
// readonly Stored[]` refuses a value the database does not have; `true satisfies ListsEvery<…>`
// refuses a list that misses one the database has. A type only: nothing of it reaches a bundle.

/** `true` when `Listed` names every value of `Stored`, else `never` (and `true satisfies` it fails to compile). */
export type ListsEvery<Stored extends string, Listed extends string> = [Exclude<Stored, Listed>] extends [never] ? true : never;
