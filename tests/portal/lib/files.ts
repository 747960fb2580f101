// Seeded rooms and folders (the backup folder picker) with the access rules
// BackupService.CheckAccessToFolderAsync relies on.
import { OWNER, employeeSummary, isPortalAdmin, type Role, type User } from './accounts';
import { formatApiDateTime } from './timezone';

/** FolderType values used here. */
export const FT = { DEFAULT: 0, EditingRoom: 16, CustomRoom: 19, VirtualRooms: 14, Archive: 20, ThirdpartyBackup: 21, PublicRoom: 22, RoomTemplates: 30 } as const;
/** FileShare values used for room members. */
const SHARE = { None: 0, Read: 2, RoomManager: 9, Editing: 10, ContentCreator: 11 } as const;

export interface FolderNode {
  id: number | string;
  title: string;
  parentId: number | string | null;
  folderType: number;
  roomType?: number;
  /** Room members other than the owner/admins, with their FileShare. */
  members?: Partial<Record<Role, number>>;
  filesCount: number;
  created: number;
}

export const ROOMS_ROOT_ID = 1;
export const ARCHIVE_ID = 2;
export const THIRD_PARTY_FOLDER_ID = 'sbox-1-backup';

const T0 = Date.UTC(2025, 1, 3, 8, 0, 0);
const day = (n: number) => T0 + n * 86400_000;

export const FOLDERS: readonly FolderNode[] = [
  { id: ROOMS_ROOT_ID, title: 'Rooms', parentId: null, folderType: FT.VirtualRooms, filesCount: 0, created: day(0) },
  { id: ARCHIVE_ID, title: 'Archive', parentId: null, folderType: FT.Archive, filesCount: 0, created: day(0) },
  { id: 101, title: 'Backups', parentId: ROOMS_ROOT_ID, folderType: FT.CustomRoom, roomType: 5, members: {}, filesCount: 0, created: day(1) },
  {
    id: 102,
    title: 'Finance',
    parentId: ROOMS_ROOT_ID,
    folderType: FT.EditingRoom,
    roomType: 2,
    members: { roomadmin: SHARE.RoomManager, user: SHARE.ContentCreator },
    filesCount: 3,
    created: day(2),
  },
  { id: 201, title: 'Reports', parentId: 102, folderType: FT.DEFAULT, filesCount: 2, created: day(3) },
  { id: 202, title: 'Invoices', parentId: 102, folderType: FT.DEFAULT, filesCount: 5, created: day(3) },
  { id: 203, title: '2026', parentId: 201, folderType: FT.DEFAULT, filesCount: 1, created: day(4) },
  {
    id: 103,
    title: 'Marketing',
    parentId: ROOMS_ROOT_ID,
    folderType: FT.PublicRoom,
    roomType: 6,
    members: { roomadmin: SHARE.RoomManager, guest: SHARE.Read },
    filesCount: 4,
    created: day(5),
  },
  { id: 204, title: 'Campaigns', parentId: 103, folderType: FT.DEFAULT, filesCount: 0, created: day(6) },
  { id: 104, title: 'Old Projects', parentId: ARCHIVE_ID, folderType: FT.CustomRoom, roomType: 5, members: {}, filesCount: 7, created: day(7) },
];

const THIRD_PARTY: FolderNode = {
  id: THIRD_PARTY_FOLDER_ID,
  title: 'Dropbox',
  parentId: null,
  folderType: FT.ThirdpartyBackup,
  filesCount: 0,
  created: day(8),
};

export class FileStore {
  constructor(private readonly thirdPartyConnected: () => boolean) {}

  /** Folder by id as the DAO would find it: integer ids and the third-party string id. */
  get(id: number | string): FolderNode | undefined {
    if (typeof id === 'string' && /^-?\d+$/.test(id)) id = Number(id);
    if (id === THIRD_PARTY_FOLDER_ID) return this.thirdPartyConnected() ? THIRD_PARTY : undefined;
    return FOLDERS.find((f) => f.id === id);
  }

  children(id: number | string): FolderNode[] {
    return FOLDERS.filter((f) => f.parentId === id);
  }

  /** Root-first chain of ancestors, including the folder itself. */
  path(f: FolderNode): FolderNode[] {
    const out: FolderNode[] = [f];
    let cur = f;
    while (cur.parentId !== null) {
      const p = this.get(cur.parentId);
      if (!p) break;
      out.unshift(p);
      cur = p;
    }
    return out;
  }

  rootOf(f: FolderNode): FolderNode {
    return this.path(f)[0] as FolderNode;
  }

  /** The room a folder lives in (itself if it is a room). */
  roomOf(f: FolderNode): FolderNode | undefined {
    return this.path(f).find((p) => p.roomType !== undefined);
  }

  isArchived(f: FolderNode): boolean {
    return this.rootOf(f).folderType === FT.Archive;
  }

  /** The share a user has on a folder's room; undefined = no access. Owner/admins see every room. */
  access(u: User, f: FolderNode): number | undefined {
    if (isPortalAdmin(u)) return SHARE.None;
    if (f.folderType === FT.VirtualRooms) return SHARE.Read;
    const room = this.roomOf(f);
    return room?.members?.[u.role];
  }

  canRead(u: User, f: FolderNode): boolean {
    if (f.folderType === FT.ThirdpartyBackup || f.folderType === FT.Archive) return isPortalAdmin(u);
    return this.access(u, f) !== undefined;
  }

  /** FileSecurity.CanCreateAsync, simplified: nothing in the archive or in system roots. */
  canCreate(u: User, f: FolderNode): boolean {
    if ([FT.VirtualRooms, FT.Archive, FT.RoomTemplates].includes(f.folderType as 14 | 20 | 30)) return false;
    if (this.isArchived(f)) return false;
    if (f.folderType === FT.ThirdpartyBackup) return isPortalAdmin(u);
    const a = this.access(u, f);
    return a === SHARE.None || a === SHARE.RoomManager || a === SHARE.ContentCreator;
  }

  /** FolderDto<int>/FolderDto<string> as the files API returns it. */
  dto(u: User, f: FolderNode, tz: string): Record<string, unknown> {
    const root = this.rootOf(f);
    const room = this.roomOf(f);
    const created = formatApiDateTime(f.created, tz);
    const canCreate = this.canCreate(u, f);
    const admin = isPortalAdmin(u);
    const out: Record<string, unknown> = {
      id: f.id,
      rootFolderId: root.id,
      canShare: admin,
      security: {
        Read: true,
        Create: canCreate,
        Delete: admin && f.parentId !== null,
        EditRoom: admin && f.roomType !== undefined,
        Rename: admin && f.parentId !== null,
        CopyTo: canCreate,
        MoveTo: canCreate,
        Pin: f.roomType !== undefined,
        Mute: f.roomType !== undefined,
        EditAccess: admin && f.roomType !== undefined,
        Download: true,
        CopySharedLink: f.roomType !== undefined,
      },
      title: f.title,
      access: this.access(u, f) ?? SHARE.Read,
      shared: f.folderType === FT.PublicRoom,
      created,
      createdBy: employeeSummary(OWNER),
      updated: created,
      rootFolderType: root.folderType,
      updatedBy: employeeSummary(OWNER),
      parentId: f.parentId ?? 0,
      filesCount: f.filesCount,
      foldersCount: this.children(f.id).length,
      new: 0,
      mute: false,
      pinned: false,
      private: false,
      indexing: false,
      denyDownload: false,
      type: f.folderType,
      fileEntryType: 1,
    };
    if (f.roomType !== undefined) {
      out.roomType = f.roomType;
      out.tags = [];
      out.logo = { original: '', large: '', medium: '', small: '', color: '5299E0' };
    }
    if (room && room !== f) {
      out.inRoom = true;
      out.parentRoomType = room.folderType;
    }
    if (f.folderType === FT.ThirdpartyBackup) {
      out.parentId = '';
      out.providerItem = true;
      out.providerKey = 'Dropbox';
      out.providerId = 1;
    }
    return out;
  }

  pathParts(f: FolderNode): Array<Record<string, unknown>> {
    return this.path(f).map((p) => (p.roomType !== undefined ? { id: p.id, title: p.title, roomType: p.roomType } : { id: p.id, title: p.title }));
  }
}
