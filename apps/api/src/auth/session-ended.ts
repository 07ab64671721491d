import { unauthorized } from '../common/error-codes';

/** A session ended by sign-out elsewhere, a reset password, deactivation or a new role or unit. */
export const sessionEnded = () => unauthorized('auth.session-ended', 'the session has ended: sign in again');
