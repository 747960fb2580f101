// The portal's BackupStorageType numbers (server-api.md §6), named once for every module.
export const StorageType = {
  Documents: 0,
  ThirdPartyDocuments: 1,
  CustomCloud: 2,
  Local: 3,
  DataStore: 4,
  ThirdPartyConsumer: 5,
} as const;
export type StorageTypeId = (typeof StorageType)[keyof typeof StorageType];
