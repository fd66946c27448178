import BEBCLI

BEBCLI.main()
