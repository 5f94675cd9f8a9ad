/** Table types of the data-access side (warehouse, provisioning, gateway, audit). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccessTables {}
