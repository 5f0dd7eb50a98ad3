import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@app/contracts';
import { fieldErrorText } from '../../i18n/errors';

/**
 * A new password, with the rule said before submit (under the field, read out with it) and the
 * server's refusal (too short, too common) beside it. The server is the judge: the same rule is
 * checked there for change-password, account creation and an administrator's reset.
 */
export function NewPasswordField({ label, value, onChange, error, field, testId, autoComplete = 'new-password' }: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: unknown;
  /** the request's field name the server names in its error */
  field: string;
  testId?: string;
  autoComplete?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const message = fieldErrorText(error, field, t);
  return (
    <label htmlFor={id}>
      {label}
      <input
        id={id}
        type="password"
        data-testid={testId}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        minLength={PASSWORD_MIN_LENGTH}
        aria-invalid={!!message}
        aria-describedby={`${id}-rule${message ? ` ${id}-error` : ''}`}
      />
      <small className="muted password-rule" id={`${id}-rule`} data-testid={testId ? `${testId}-rule` : undefined}>
        {t('passwordRule.rule')}
      </small>
      {message && (
        <small className="field-error" id={`${id}-error`} data-testid={testId ? `${testId}-error` : undefined}>
          {message}
        </small>
      )}
    </label>
  );
}
