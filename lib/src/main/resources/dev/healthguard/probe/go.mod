module healthguard.dev/probe

go 1.19
