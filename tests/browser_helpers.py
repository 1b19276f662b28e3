"""What several browser tests do alike."""


def log_in(page, live_server, username):
    """Sign in to the admin as `username`, whose test password is "pw-<username>", from a clean slate."""
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
