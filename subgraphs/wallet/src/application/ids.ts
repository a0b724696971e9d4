const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id the wallet stores is a uuid: anything else cannot name one of its rows. */
export const isUuid = (text: string): boolean => UUID.test(text);
