"""Account forms."""

from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from intranet.forms import Form, email_address

EMAIL = email_address()
NEW_PASSWORD = [
    DataRequired("Kies een wachtwoord."),
    Length(min=10, max=200, message="Een wachtwoord heeft 10 tot 200 tekens."),
]


class LoginForm(Form):
    """Log in with e-mail address and password."""

    email = EmailField("E-mailadres", validators=EMAIL)
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in.")])
    remember = BooleanField("Ingelogd blijven op dit apparaat")


class ResetRequestForm(Form):
    """Ask for a password reset link."""

    email = EmailField("E-mailadres", validators=EMAIL)


class NewPasswordForm(Form):
    """Choose a new password."""

    password = PasswordField("Nieuw wachtwoord", validators=NEW_PASSWORD)
    confirm = PasswordField(
        "Herhaal het nieuwe wachtwoord",
        validators=[EqualTo("password", "De wachtwoorden zijn niet gelijk.")],
    )


class ChangePasswordForm(NewPasswordForm):
    """Change the password, knowing the current one."""

    current = PasswordField("Huidig wachtwoord", validators=[DataRequired("Vul uw wachtwoord in.")])


class ConfirmForm(Form):
    """Confirm an e-mail address: only a button (and the CSRF token)."""
