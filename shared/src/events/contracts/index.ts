export * from './common.js';
export * as AccountsEvents from './accounts.events.js';
export * as MarketplaceEvents from './marketplace.events.js';
export * as WalletEvents from './wallet.events.js';
export * as DistributionEvents from './distribution.events.js';
export * as ContactsEvents from './contacts.events.js';
export * as NotificationsEvents from './notifications.events.js';
