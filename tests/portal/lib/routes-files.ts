// /api/2.0/files/rooms, /files/{folderId}, /files/thirdparty/backup: the folder picker.
import type { User } from './accounts';
import { sendSuccess } from './envelope';
import { DotNetError, securityError } from './errors';
import { ARCHIVE_ID, FT, ROOMS_ROOT_ID, THIRD_PARTY_FOLDER_ID, type FolderNode } from './files';
import { firstQuery, type Ctx } from './http';
import type { Portal } from './portal';
import type { Router } from './router';

const itemNotFound = () =>
  new DotNetError({ status: 404, type: 'ASC.Common.Web.ItemNotFoundException', message: 'The required folder was not found', hresult: -2147467259 });

/** startIndex / count / filterValue paging shared by the listings. */
function page(ctx: Ctx, items: FolderNode[]): { items: FolderNode[]; startIndex: number; total: number } {
  const filter = (firstQuery(ctx, 'filterValue') ?? '').trim().toLowerCase();
  const filtered = filter ? items.filter((f) => f.title.toLowerCase().includes(filter)) : items;
  const startIndex = Math.max(0, Number.parseInt(firstQuery(ctx, 'startIndex') ?? '0', 10) || 0);
  const count = Math.max(0, Number.parseInt(firstQuery(ctx, 'count') ?? '100', 10) || 100);
  return { items: filtered.slice(startIndex, startIndex + count), startIndex, total: filtered.length };
}

export function registerFilesRoutes(router: Router, p: Portal): void {
  const content = (ctx: Ctx, user: User, current: FolderNode, children: FolderNode[]) => {
    const tz = p.opts.timezone;
    const paged = page(ctx, children);
    sendSuccess(ctx, {
      files: [],
      folders: paged.items.map((f) => p.files.dto(user, f, tz)),
      current: p.files.dto(user, current, tz),
      pathParts: p.files.pathParts(current),
      startIndex: paged.startIndex,
      count: paged.items.length,
      total: paged.total,
      new: 0,
    });
  };

  router.add('GET', '/api/2.0/files/rooms', { where: 'ASC.Files.Api.VirtualRoomsController.GetRoomsFolderAsync(RoomContentRequestDto inDto)' }, (ctx, pr) => {
    const user = (pr as NonNullable<typeof pr>).user;
    // searchArea: Active (0, default), Archive (1), Any (2); names or numbers.
    const area = (firstQuery(ctx, 'searchArea') ?? '0').toLowerCase();
    const archive = area === '1' || area === 'archive';
    const any = area === '2' || area === 'any';
    const parents = any ? [ROOMS_ROOT_ID, ARCHIVE_ID] : [archive ? ARCHIVE_ID : ROOMS_ROOT_ID];
    const rooms = parents.flatMap((id) => p.files.children(id)).filter((r) => p.files.canRead(user, r) || (archive && p.files.access(user, r) !== undefined));
    const current = p.files.get(archive ? ARCHIVE_ID : ROOMS_ROOT_ID) as FolderNode;
    content(ctx, user, current, rooms);
  });

  router.add('GET', '/api/2.0/files/thirdparty/backup', { where: 'ASC.Files.Api.ThirdpartyController.GetBackupThirdPartyAccount()' }, (ctx, pr) => {
    const user = (pr as NonNullable<typeof pr>).user;
    const folder = p.files.get(THIRD_PARTY_FOLDER_ID);
    // No connection, or not readable for this user: null (count 0).
    sendSuccess(ctx, folder && p.files.canRead(user, folder) ? p.files.dto(user, folder, p.opts.timezone) : null);
  });

  router.add('GET', '/api/2.0/files/{folderId}', { where: 'ASC.Files.Api.FoldersController.GetFolderAsync(FolderRequestDto inDto)' }, (ctx, pr) => {
    const user = (pr as NonNullable<typeof pr>).user;
    const folder = p.files.get(ctx.params.folderId ?? '');
    if (!folder) throw itemNotFound();
    if (!p.files.canRead(user, folder)) throw securityError();
    const children = p.files.children(folder.id).filter((f) => folder.folderType !== FT.VirtualRooms || p.files.canRead(user, f));
    content(ctx, user, folder, children);
  });
}
