"""Flask extensions, made here and bound to the app in create_app."""

from flask_wtf.csrf import CSRFProtect

from intranet.signing import RotatingLoginManager

login_manager = RotatingLoginManager()  # its remember-me cookie honours SECRET_KEY_FALLBACKS
csrf = CSRFProtect()


def init_app(app):
    """Bind the extensions to the app."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in om deze pagina te bekijken."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
