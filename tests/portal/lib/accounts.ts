// Seeded portal members, one per DocSpace role, and their profile DTO
// (EmployeeFullDto of GET /api/2.0/people/@self). The one list of demo accounts:
// the portal, its sign-in page, the tests, the bench and `npm start` read it here.
import { createHash, timingSafeEqual } from 'node:crypto';
import { formatApiDateTime } from './timezone';

export type Role = 'owner' | 'admin' | 'roomadmin' | 'user' | 'guest';

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
}

export const DEMO_PASSWORD = 'docspace-demo';

export const USERS: readonly User[] = [
  { id: '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a01', email: 'owner@example.com', firstName: 'Olivia', lastName: 'Owner', role: 'owner' },
  { id: '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a02', email: 'admin@example.com', firstName: 'Adam', lastName: 'Admin', role: 'admin' },
  { id: '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a03', email: 'roomadmin@example.com', firstName: 'Rita', lastName: 'Roomadmin', role: 'roomadmin' },
  { id: '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a04', email: 'user@example.com', firstName: 'Ulrich', lastName: 'User', role: 'user' },
  { id: '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a05', email: 'guest@example.com', firstName: 'Gina', lastName: 'Guest', role: 'guest' },
];

export const OWNER = USERS[0] as User;

/** Each role's e-mail: `EMAILS.admin`. */
export const EMAILS = Object.fromEntries(USERS.map((u) => [u.role, u.email])) as Record<Role, string>;

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'DocSpace admin',
  roomadmin: 'Room admin',
  user: 'User',
  guest: 'Guest',
};

const digest = (s: string) => createHash('sha256').update(s).digest();

export function findUserByEmail(email: string): User | undefined {
  const e = email.trim().toLowerCase();
  return USERS.find((u) => u.email === e);
}

export function findUserById(id: string): User | undefined {
  return USERS.find((u) => u.id === id);
}

export function checkPassword(user: User | undefined, password: string): boolean {
  // Compare digests so the time taken does not depend on where the strings differ.
  const ok = timingSafeEqual(digest(password), digest(DEMO_PASSWORD));
  return !!user && ok;
}

export const displayName = (u: User) => `${u.firstName} ${u.lastName}`;

/** EditPortalSettings: always allowed for the owner and DocSpace admins (AzManager). */
export const isPortalAdmin = (u: User) => u.role === 'owner' || u.role === 'admin';

const REGISTERED = Date.UTC(2025, 0, 15, 9, 30, 0);

export function employeeSummary(u: User): Record<string, unknown> {
  return {
    id: u.id,
    displayName: displayName(u),
    avatar: '/static/images/default_user_photo_size_82-82.png',
    avatarOriginal: '/static/images/default_user_photo_size_200-200.png',
    avatarMax: '/static/images/default_user_photo_size_200-200.png',
    avatarMedium: '/static/images/default_user_photo_size_48-48.png',
    avatarSmall: '/static/images/default_user_photo_size_32-32.png',
    profileUrl: `/accounts/people/filter?search=${encodeURIComponent(u.email)}`,
    hasAvatar: false,
    isAnonim: false,
  };
}

export function employeeFull(u: User, tz: string, loginEventId: number | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...employeeSummary(u),
    firstName: u.firstName,
    lastName: u.lastName,
    userName: u.email.split('@')[0],
    email: u.email,
    status: 1,
    activationStatus: 1,
    department: '',
    isAdmin: isPortalAdmin(u),
    isRoomAdmin: u.role === 'roomadmin',
    isLDAP: false,
    listAdminModules: isPortalAdmin(u) ? ['people'] : [],
    isOwner: u.role === 'owner',
    isVisitor: u.role === 'guest',
    isCollaborator: u.role === 'user',
    cultureName: 'en-US',
    mobilePhoneActivationStatus: 0,
    isSSO: false,
    theme: 'System',
    quotaLimit: -1,
    usedSpace: 0,
    isCustomQuota: false,
    registrationDate: formatApiDateTime(REGISTERED, tz),
    hasPersonalFolder: false,
    tfaAppEnabled: false,
  };
  if (loginEventId !== undefined) out.loginEventId = loginEventId;
  return out;
}
