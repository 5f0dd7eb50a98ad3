import type { AccountView } from '@app/contracts';
import type { AccountEntity } from './account.entity';

/** An account as the api shows it (auth answers with it too). */
export function toAccountView(a: AccountEntity): AccountView {
  return {
    id: a.id,
    username: a.username,
    fullName: a.fullName,
    position: a.position,
    organizationId: a.organizationId,
    locale: a.locale,
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword ?? false,
    roles: (a.roles ?? []).map((r) => ({ role: r.role, organizationId: r.organizationId })),
  };
}
