# 2025-06-12 11:40:27 by RouterOS 7.19.1
# software id = 5MNV-QZ8R
#
# model = RB4011iGS+
# serial number = HE608RT9Q1W
/interface bridge
add name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment="primary: fibre" name=ether1-fibre
set [ find default-name=ether2 ] comment="backup: LTE router" name=ether2-lte
/interface list
add name=WAN
add name=LAN
/interface bridge port
add bridge=bridge interface=ether3
add bridge=bridge interface=ether4
/interface list member
add interface=bridge list=LAN
add interface=ether1-fibre list=WAN
add interface=ether2-lte list=WAN
/ip address
add address=192.168.50.1/24 interface=bridge network=192.168.50.0
add address=10.111.0.2/24 interface=ether1-fibre network=10.111.0.0
/ip dhcp-client
add default-route-distance=2 interface=ether2-lte
/ip dns
set servers=9.9.9.9
/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
/ip route
add check-gateway=ping comment="fibre first" distance=1 dst-address=0.0.0.0/0 \
    gateway=10.111.0.1 routing-table=main
/system identity
set name=gw-failover
/tool netwatch
add comment="fibre gateway" host=10.111.0.1 interval=10s name=fibre-gw \
    timeout=1s type=icmp
add comment="public resolver over whatever is up" host=9.9.9.9 interval=30s \
    name=quad9 type=icmp
add host=203.0.113.80 http-codes=200 interval=1m name=status-page port=80 \
    type=http-get
