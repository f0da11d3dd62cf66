# jun/12/2025 10:02:11 by RouterOS 6.49.10
# software id = 3RTQ-6BHU
#
# model = RB4011iGS+
# serial number = D4C00C8B1E2F
/interface bridge
add name=bridge-lan
/interface ethernet
set [ find default-name=ether1 ] name=wan1
set [ find default-name=ether2 ] name=wan2
set [ find default-name=ether3 ] name=wan3
set [ find default-name=ether4 ] name=wan4
/interface list
add name=WAN
add name=LAN
/ip pool
add name=lan-pool ranges=192.168.10.100-192.168.10.250
/ip dhcp-server
add address-pool=lan-pool disabled=no interface=bridge-lan lease-time=12h \
    name=lan-dhcp
/interface bridge port
add bridge=bridge-lan interface=ether5
add bridge=bridge-lan interface=ether6
/interface list member
add interface=bridge-lan list=LAN
add interface=wan1 list=WAN
add interface=wan2 list=WAN
add interface=wan3 list=WAN
add interface=wan4 list=WAN
/ip address
add address=192.168.10.1/24 interface=bridge-lan network=192.168.10.0
add address=10.111.0.2/24 interface=wan1 network=10.111.0.0
add address=10.112.0.2/24 interface=wan2 network=10.112.0.0
add address=10.113.0.2/24 interface=wan3 network=10.113.0.0
add address=10.114.0.2/24 interface=wan4 network=10.114.0.0
/ip dhcp-server lease
add address=192.168.10.20 comment="NAS (pinned to wan1)" mac-address=\
    4C:5E:0C:AA:00:20 server=lan-dhcp
/ip dhcp-server network
add address=192.168.10.0/24 dns-server=192.168.10.1 gateway=192.168.10.1
/ip dns
set allow-remote-requests=yes servers=8.8.8.8,1.1.1.1
/ip firewall address-list
add address=192.168.10.0/24 list=lan-nets
add address=10.111.0.0-10.114.0.255 comment="uplink subnets" list=uplinks
add address=192.168.10.20 list=via-wan1
/ip firewall mangle
add action=accept chain=prerouting dst-address-list=uplinks in-interface-list=\
    LAN
add action=mark-connection chain=prerouting connection-mark=no-mark \
    in-interface-list=LAN new-connection-mark=wan1_conn passthrough=yes \
    src-address-list=via-wan1
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface-list=LAN new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses:4/0
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface-list=LAN new-connection-mark=wan2_conn \
    passthrough=yes per-connection-classifier=both-addresses:4/1
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface-list=LAN new-connection-mark=wan3_conn \
    passthrough=yes per-connection-classifier=both-addresses:4/2
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface-list=LAN new-connection-mark=wan4_conn \
    passthrough=yes per-connection-classifier=both-addresses:4/3
add action=mark-routing chain=prerouting connection-mark=wan1_conn \
    in-interface-list=LAN new-routing-mark=to_wan1 passthrough=no
add action=mark-routing chain=prerouting connection-mark=wan2_conn \
    in-interface-list=LAN new-routing-mark=to_wan2 passthrough=no
add action=mark-routing chain=prerouting connection-mark=wan3_conn \
    in-interface-list=LAN new-routing-mark=to_wan3 passthrough=no
add action=mark-routing chain=prerouting connection-mark=wan4_conn \
    in-interface-list=LAN new-routing-mark=to_wan4 passthrough=no
add action=mark-connection chain=prerouting comment="old test, kept off" \
    disabled=yes in-interface-list=LAN new-connection-mark=wan4_conn \
    passthrough=yes
/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
/ip route
add check-gateway=ping distance=1 gateway=10.111.0.1 routing-mark=to_wan1
add check-gateway=ping distance=1 gateway=10.112.0.1 routing-mark=to_wan2
add check-gateway=ping distance=1 gateway=10.113.0.1 routing-mark=to_wan3
add check-gateway=ping distance=1 gateway=10.114.0.1 routing-mark=to_wan4
add check-gateway=ping distance=1 gateway=10.111.0.1
add check-gateway=ping distance=2 gateway=10.112.0.1
add check-gateway=ping distance=3 gateway=10.113.0.1
add check-gateway=ping distance=4 gateway=10.114.0.1
/ip service
set telnet disabled=yes
set ftp disabled=yes
set api max-sessions=50
/system identity
set name=gw-pcc4
