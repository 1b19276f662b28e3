"""
Staff accounts: who may manage whose account in the admin.

Chief editors manage the newsroom's logins, but an account is only ever
managed by someone who holds every permission it has: nobody can take over,
re-password, deactivate or delete a stronger account, or grant a group or a
permission they lack themselves.
"""
