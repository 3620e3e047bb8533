import { Button, Form, InsetText, PasswordInput, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api';
import { FormErrorSummary, usePageTitle, type FormProblem } from '../components/common';
import type { SignInState } from '../components/RequireSession';
import { useSessionContext } from '../session';

type FieldErrors = { email?: string; password?: string };

const reasonText: Record<string, string> = {
  required: 'You need to sign in to see that page.',
  ended: 'Your session has ended. Sign in again to carry on.',
  signedOut: 'You have signed out.',
};

export function SignInPage() {
  const { state, signIn } = useSessionContext();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as SignInState | null)?.from;
  const reason = (location.state as SignInState | null)?.reason;

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const problems: FormProblem[] = [];
  if (formError) problems.push({ href: '#email', text: formError });
  if (fieldErrors.email) problems.push({ href: '#email', text: fieldErrors.email });
  if (fieldErrors.password) problems.push({ href: '#password', text: fieldErrors.password });
  usePageTitle('Sign in', problems.length > 0);

  if (state.status === 'signedIn' && !busy) {
    return <Navigate to={from && from !== '/sign-in' ? from : '/'} replace />;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const errors: FieldErrors = {};
    const trimmed = email.trim();
    if (!trimmed) errors.email = 'Enter your email address';
    else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) errors.email = 'Enter an email address in the correct format, like name@example.com';
    if (!password) errors.password = 'Enter your password';
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email || errors.password) return;

    setBusy(true);
    try {
      await signIn(trimmed, password);
      navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        // 401 and 429 carry a message for the whole form; a 400 may name the fields.
        const emailProblem = error.problemWith('email', 'Email address');
        const passwordProblem = error.problemWith('password', 'Password');
        setFieldErrors({ email: emailProblem, password: passwordProblem });
        setFormError(emailProblem || passwordProblem ? null : error.message);
      } else {
        setFormError('Caretrust could not sign you in. Try again later.');
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <FormErrorSummary problems={problems} attempt={attempt} />
        <h1>Sign in to Caretrust</h1>
        {reason && reasonText[reason] && problems.length === 0 ? (
          <InsetText>
            <p>{reasonText[reason]}</p>
          </InsetText>
        ) : null}
        <p>Use the email address and password your organisation gave you.</p>
        <Form onSubmit={onSubmit} noValidate>
          <TextInput
            id="email"
            name="email"
            type="email"
            label="Email address"
            labelProps={{ size: 's' }}
            autoComplete="username"
            spellCheck={false}
            width={30}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldErrors.email}
          />
          <PasswordInput
            id="password"
            name="password"
            label="Password"
            labelProps={{ size: 's' }}
            autoComplete="current-password"
            width={20}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" disabled={busy}>
            Sign in
          </Button>
        </Form>
      </div>
    </div>
  );
}
