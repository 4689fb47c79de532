import mailstore

serverClient = mailstore.mgmt.ServerClient()

privileges_map = dict()
for user in serverClient.GetUsers()["result"]:
    user_info = serverClient.GetUserInfo(user["userName"])["result"]
    if "privilegesOnFolders" in user_info:
        for privilege in user_info["privilegesOnFolders"]:
            if privilege["folder"] not in privileges_map:
                privileges_map[privilege["folder"]] = {user["userName"]: privilege["privileges"]}
            else:
                privileges_map[privilege["folder"]].update({user["userName"]: privilege["privileges"]})

for archive, user_dict in privileges_map.items():
    print("Archive: {}".format(archive))
    for username, priv in user_dict.items():
        print("\tUser: {}: {}".format(username, ", ".join(priv)))
