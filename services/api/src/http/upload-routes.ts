import type { UploadRoute } from '@strata/http';

/**
 * The routes that take files. `mastodonBody` leaves their multipart bodies unread; each
 * reads its own with `uploads(route)` after authentication. A new upload route (say
 * `POST /api/v2/media`) is one entry here and `uploads(uploadRoutes.media)` in its chain.
 */
export const uploadRoutes = {
  updateCredentials: { method: 'PATCH', path: '/api/v1/accounts/update_credentials', fileFields: ['avatar', 'header'] },
} as const satisfies Record<string, UploadRoute>;
