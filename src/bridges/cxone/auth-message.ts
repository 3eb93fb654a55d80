/** The namespace of the message `callback.html` posts to the bridge page that opened it. */
export const AUTH_NS = 'presence-sync-cxone-auth';
