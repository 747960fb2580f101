// The portal's BackupStorageType numbers. Plain constants, apart from the zod
// schemas, so pages can name storages without loading zod.
export const StorageType = {
  Documents: 0,
  ThirdPartyDocuments: 1,
  CustomCloud: 2,
  Local: 3,
  DataStore: 4,
  ThirdPartyConsumer: 5,
} as const;
export type StorageTypeId = (typeof StorageType)[keyof typeof StorageType];
