import mailstore

serverClient = mailstore.mgmt.ServerClient()
admins = list()

for user in serverClient.GetUsers()["result"]:
    if "admin" in serverClient.GetUserInfo(user["userName"])["result"]["privileges"]:
        admins.append(user["userName"])

print("\n".join(admins))
