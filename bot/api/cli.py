"""`python -m bot apikey create|list|revoke`: API keys for owners at the command line."""

from __future__ import annotations

import sys

from bot.api.keys import SCOPES, KeyRequestError, create_key, list_keys, revoke_key


async def apikey_command(settings, args) -> int:
    from bot.app import make_services

    services = make_services(settings)
    try:
        async with services.sessions() as session, session.begin():
            if args.apikey_command == "create":
                try:
                    row, key = await create_key(session, name=args.name, scopes=args.scopes)
                except KeyRequestError as exc:
                    print(f"apikey create: {exc}", file=sys.stderr)
                    return 2
                print(f"API key #{row.id} {row.name!r} with scopes {', '.join(row.scopes)}:")
                print(key)
                print("Keep it now: it is shown only once (only a hash of it is stored).")
                return 0
            if args.apikey_command == "list":
                rows = await list_keys(session)
                if not rows:
                    print(f"no API keys; create one with: python -m bot apikey create NAME --scopes {','.join(SCOPES)}")
                for row in rows:
                    state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
                    used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never"
                    print(
                        f"#{row.id}\t{row.name}\tpbk_{row.prefix}_…\t{','.join(row.scopes)}\t{state}\t"
                        f"created {row.created_at:%Y-%m-%d}\tlast used {used}"
                    )
                return 0
            if args.apikey_command == "revoke":
                row = await revoke_key(session, key_id=args.id)
                if row is None:
                    print(f"apikey revoke: no API key #{args.id}", file=sys.stderr)
                    return 1
                print(f"API key #{row.id} {row.name!r} revoked at {row.revoked_at:%Y-%m-%d %H:%M} UTC")
                return 0
    finally:
        await services.close()
    return 1
