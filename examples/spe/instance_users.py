"""List the SPE's instances, then the users of each running instance.

The flow of MailStore's SPE tutorial: GetInstances with the filter "*", then GetUsers for
every instance, one instance after the other, exactly as a script written for MailStore's
own wrapper does it. Instances that are not running are listed but not asked; an instance
that refuses (e.g. service provider access is off) is reported and the loop goes on.

    python instance_users.py                 # every instance
    python instance_users.py "*instancehost01"   # the instances of one instance host

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE
(the SPE emulator, python -m mailstore.emulator --spe, prints them).
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import mailstore


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("filter", nargs="?", default="*", help="instanceFilter ('*': all)")
    args = parser.parse_args(argv)
    with mailstore.mgmt.SPEClient(logLevel=1) as spe:
        instances = spe.GetInstances(args.filter)["result"]
        for instance in instances:
            print(f"{instance['instanceID']} ({instance['displayName']}): {instance['status']}")
        problems = 0
        for instance in instances:
            if instance["status"] != "running":
                continue
            status = spe.GetUsers(instanceID=instance["instanceID"])
            if status["statusCode"] != "succeeded":
                problems += 1
                print(f"\n{instance['instanceID']}: {status['error']['message']}")
                continue
            users = status["result"]
            print(f"\n{instance['instanceID']}: {len(users)} user(s)")
            for user in users:
                print(f"  {user['userName']}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
