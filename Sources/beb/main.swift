import BEBCLI
BEBCLI.main()
