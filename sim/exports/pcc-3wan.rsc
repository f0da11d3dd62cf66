# Three WANs balanced per client with PCC on src-address, remembered in address lists (RouterOS 6).
/ip address
add address=192.168.0.1/24 network=192.168.0.0 interface=Local
add address=10.111.0.2/24 network=10.111.0.0 interface=wan1
add address=10.112.0.2/24 network=10.112.0.0 interface=wan2
add address=10.113.0.2/24 network=10.113.0.0 interface=wan3

/ip firewall mangle
add chain=prerouting src-address-list=wan1 in-interface=Local action=mark-connection new-connection-mark=wan1 passthrough=yes
add chain=prerouting src-address-list=wan1 in-interface=Local action=mark-routing new-routing-mark=wan1 passthrough=no
add chain=prerouting src-address-list=wan2 in-interface=Local action=mark-connection new-connection-mark=wan2 passthrough=yes
add chain=prerouting src-address-list=wan2 in-interface=Local action=mark-routing new-routing-mark=wan2 passthrough=no
add chain=prerouting src-address-list=wan3 in-interface=Local action=mark-connection new-connection-mark=wan3 passthrough=yes
add chain=prerouting src-address-list=wan3 in-interface=Local action=mark-routing new-routing-mark=wan3 passthrough=no
add chain=prerouting in-interface=Local connection-state=new per-connection-classifier=src-address:3/0 \
    action=mark-connection new-connection-mark=wan1 passthrough=yes
add chain=prerouting in-interface=Local connection-state=new per-connection-classifier=src-address:3/1 \
    action=mark-connection new-connection-mark=wan2 passthrough=yes
add chain=prerouting in-interface=Local connection-state=new per-connection-classifier=src-address:3/2 \
    action=mark-connection new-connection-mark=wan3 passthrough=yes
add chain=prerouting in-interface=Local connection-mark=wan1 action=add-src-to-address-list address-list=wan1 address-list-timeout=1d
add chain=prerouting in-interface=Local connection-mark=wan2 action=add-src-to-address-list address-list=wan2 address-list-timeout=1d
add chain=prerouting in-interface=Local connection-mark=wan3 action=add-src-to-address-list address-list=wan3 address-list-timeout=1d
add chain=prerouting in-interface=Local connection-mark=wan1 action=mark-routing new-routing-mark=wan1 passthrough=no
add chain=prerouting in-interface=Local connection-mark=wan2 action=mark-routing new-routing-mark=wan2 passthrough=no
add chain=prerouting in-interface=Local connection-mark=wan3 action=mark-routing new-routing-mark=wan3 passthrough=no

/ip firewall nat
add chain=srcnat out-interface=wan1 action=masquerade
add chain=srcnat out-interface=wan2 action=masquerade
add chain=srcnat out-interface=wan3 action=masquerade

/ip route
add dst-address=0.0.0.0/0 gateway=10.111.0.1 routing-mark=wan1 check-gateway=ping
add dst-address=0.0.0.0/0 gateway=10.112.0.1 routing-mark=wan2 check-gateway=ping
add dst-address=0.0.0.0/0 gateway=10.113.0.1 routing-mark=wan3 check-gateway=ping
add dst-address=0.0.0.0/0 gateway=10.111.0.1 distance=1 check-gateway=ping
add dst-address=0.0.0.0/0 gateway=10.112.0.1 distance=2 check-gateway=ping
add dst-address=0.0.0.0/0 gateway=10.113.0.1 distance=3 check-gateway=ping
