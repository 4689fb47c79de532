import mailstore

serverClient = mailstore.mgmt.ServerClient(username="admin", password="admin", host="127.0.0.1", port=8463)
print(serverClient.GetServerInfo())
