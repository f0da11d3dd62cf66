# 2025-06-12 10:14:03 by RouterOS 7.19.1
# software id = 8KQ3-XT2N
#
# model = RB4011iGS+
# serial number = HE608RT4K2M
/interface bridge
add admin-mac=48:A9:8A:10:20:30 auto-mac=no comment=defconf name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment="ISP1 fibre" name=ether1-isp1
set [ find default-name=ether2 ] comment="ISP2 cable" name=ether2-isp2
set [ find default-name=ether3 ] comment="ISP3 LTE \"backup\"" name=ether3-isp3
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/ip pool
add name=dhcp_pool0 ranges=192.168.88.10-192.168.88.254
/ip dhcp-server
add address-pool=dhcp_pool0 interface=bridge lease-time=1d name=defconf
/routing table
add disabled=no fib name=to_isp1
add disabled=no fib name=to_isp2
add disabled=no fib name=to_isp3
/interface bridge port
add bridge=bridge comment=defconf interface=ether4
add bridge=bridge comment=defconf interface=ether5
add bridge=bridge comment=defconf interface=ether6
/interface list member
add comment=defconf interface=bridge list=LAN
add interface=ether1-isp1 list=WAN
add interface=ether2-isp2 list=WAN
add interface=ether3-isp3 list=WAN
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=\
    192.168.88.0
add address=10.111.0.2/24 interface=ether1-isp1 network=10.111.0.0
add address=10.112.0.2/24 interface=ether2-isp2 network=10.112.0.0
add address=10.113.0.2/24 interface=ether3-isp3 network=10.113.0.0
/ip dhcp-server network
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=\
    192.168.88.1
/ip dns
set allow-remote-requests=yes servers=1.1.1.1,9.9.9.9
/ip dns static
add address=192.168.88.1 comment=defconf name=router.lan type=A
/ip firewall filter
add action=accept chain=input comment=\
    "defconf: accept established,related,untracked" connection-state=\
    established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=\
    invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=accept chain=input comment=\
    "defconf: accept to local loopback (for CAPsMAN)" dst-address=127.0.0.1
add action=drop chain=input comment="defconf: drop all not coming from LAN" \
    in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept in ipsec policy" \
    ipsec-policy=in,ipsec
add action=accept chain=forward comment="defconf: accept out ipsec policy" \
    ipsec-policy=out,ipsec
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" \
    connection-mark=no-mark connection-state=established,related hw-offload=\
    yes
add action=accept chain=forward comment=\
    "defconf: accept established,related, untracked" connection-state=\
    established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" \
    connection-state=invalid
add action=drop chain=forward comment=\
    "defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat \
    connection-state=new in-interface-list=WAN
/ip firewall mangle
add action=accept chain=prerouting dst-address=10.111.0.0/24 \
    in-interface-list=LAN
add action=accept chain=prerouting dst-address=10.112.0.0/24 \
    in-interface-list=LAN
add action=accept chain=prerouting dst-address=10.113.0.0/24 \
    in-interface-list=LAN
add action=mark-connection chain=prerouting connection-mark=no-mark \
    in-interface=ether1-isp1 new-connection-mark=isp1_conn passthrough=yes
add action=mark-connection chain=prerouting connection-mark=no-mark \
    in-interface=ether2-isp2 new-connection-mark=isp2_conn passthrough=yes
add action=mark-connection chain=prerouting connection-mark=no-mark \
    in-interface=ether3-isp3 new-connection-mark=isp3_conn passthrough=yes
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface-list=LAN new-connection-mark=\
    isp1_conn passthrough=yes per-connection-classifier=\
    both-addresses-and-ports:3/0
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface-list=LAN new-connection-mark=\
    isp2_conn passthrough=yes per-connection-classifier=\
    both-addresses-and-ports:3/1
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface-list=LAN new-connection-mark=\
    isp3_conn passthrough=yes per-connection-classifier=\
    both-addresses-and-ports:3/2
add action=mark-routing chain=prerouting connection-mark=isp1_conn \
    in-interface-list=LAN new-routing-mark=to_isp1 passthrough=yes
add action=mark-routing chain=prerouting connection-mark=isp2_conn \
    in-interface-list=LAN new-routing-mark=to_isp2 passthrough=yes
add action=mark-routing chain=prerouting connection-mark=isp3_conn \
    in-interface-list=LAN new-routing-mark=to_isp3 passthrough=yes
add action=mark-routing chain=output connection-mark=isp1_conn \
    new-routing-mark=to_isp1 passthrough=yes
add action=mark-routing chain=output connection-mark=isp2_conn \
    new-routing-mark=to_isp2 passthrough=yes
add action=mark-routing chain=output connection-mark=isp3_conn \
    new-routing-mark=to_isp3 passthrough=yes
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" \
    ipsec-policy=out,none out-interface-list=WAN
/ip route
add check-gateway=ping disabled=no distance=1 dst-address=0.0.0.0/0 gateway=\
    10.111.0.1 pref-src="" routing-table=to_isp1 scope=30 \
    suppress-hw-offload=no target-scope=10
add check-gateway=ping disabled=no distance=1 dst-address=0.0.0.0/0 gateway=\
    10.112.0.1 pref-src="" routing-table=to_isp2 scope=30 \
    suppress-hw-offload=no target-scope=10
add check-gateway=ping disabled=no distance=1 dst-address=0.0.0.0/0 gateway=\
    10.113.0.1 pref-src="" routing-table=to_isp3 scope=30 \
    suppress-hw-offload=no target-scope=10
add check-gateway=ping disabled=no distance=1 dst-address=0.0.0.0/0 gateway=\
    10.111.0.1 routing-table=main
add check-gateway=ping disabled=no distance=2 dst-address=0.0.0.0/0 gateway=\
    10.112.0.1 routing-table=main
add check-gateway=ping disabled=no distance=3 dst-address=0.0.0.0/0 gateway=\
    10.113.0.1 routing-table=main
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
/system clock
set time-zone-name=Europe/Riga
/system identity
set name=gw-pcc3
/system note
set show-at-login=no
/tool mac-server
set allowed-interface-list=LAN
/tool mac-server mac-winbox
set allowed-interface-list=LAN
